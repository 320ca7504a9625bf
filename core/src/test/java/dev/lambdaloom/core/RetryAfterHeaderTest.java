package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterHeaderTest {
  private static final Instant NOW = Instant.parse("1994-11-06T08:47:37Z");

  @Test
  void deltaSeconds() {
    assertThat(RetryAfterHeader.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfterHeader.parse("0", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfterHeader.parse(" 5 ", NOW)).contains(Duration.ofSeconds(5));
    assertThat(RetryAfterHeader.parse("99999999999999999999999", NOW)).hasValueSatisfying(d ->
        assertThat(d).isGreaterThan(Duration.ofDays(365 * 1000)));
  }

  @Test
  void imfFixdate() {
    assertThat(RetryAfterHeader.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ofMinutes(2));
  }

  @Test
  void obsoleteRfc850Date() {
    assertThat(RetryAfterHeader.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).contains(Duration.ofMinutes(2));
  }

  @Test
  void asctimeDate() {
    assertThat(RetryAfterHeader.parse("Sun Nov  6 08:49:37 1994", NOW)).contains(Duration.ofMinutes(2));
  }

  @Test
  void dateInThePastMeansNow() {
    assertThat(RetryAfterHeader.parse("Sat, 05 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void withoutAnExplicitNowADateIsMeasuredFromTheClock() {
    assertThat(RetryAfterHeader.parse("Fri, 01 Jan 2100 00:00:00 GMT")).hasValueSatisfying(d ->
        assertThat(d).isGreaterThan(Duration.ofDays(365)));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "soon", "-5", "1.5", "5s", "0x10",
      "Sun, 06 Nov 1994 08:49:37 PST", // only GMT is allowed
      "Sun, 31 Feb 1994 08:49:37 GMT", // no such day
      "Sun, 06 Foo 1994 08:49:37 GMT",
      "sun, 06 nov 1994 08:49:37 gmt", // HTTP-date is case-sensitive
      "Sun, 06 Nov 1994 25:49:37 GMT"
  })
  void garbageIsEmpty(String value) {
    assertThat(RetryAfterHeader.parse(value, NOW)).isEmpty();
  }

  @Test
  void twoDigitYearsMoreThanFiftyYearsAheadAreInThePast() {
    assertThat(RetryAfterHeader.fullYear(94, 2025)).isEqualTo(1994);
    assertThat(RetryAfterHeader.fullYear(30, 2025)).isEqualTo(2030);
    assertThat(RetryAfterHeader.fullYear(1, 2099)).isEqualTo(2101);
  }
}
