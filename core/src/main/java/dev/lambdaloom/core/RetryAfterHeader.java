package dev.lambdaloom.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an HTTP Retry-After header value (RFC 9110 section 10.2.3): delta-seconds, or an HTTP-date in any of the
 * three formats recipients must accept (IMF-fixdate, obsolete RFC 850, asctime). A date in the past means "now".
 */
public final class RetryAfterHeader {
  private static final Pattern DELTA_SECONDS = Pattern.compile("[0-9]+");
  // Sun, 06 Nov 1994 08:49:37 GMT
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) ([A-Z][a-z]{2}) ([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT");
  // Sunday, 06-Nov-94 08:49:37 GMT
  private static final Pattern RFC_850 = Pattern.compile(
      "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
          + "([0-9]{2})-([A-Z][a-z]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT");
  // Sun Nov  6 08:49:37 1994
  private static final Pattern ASCTIME = Pattern.compile(
      "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ 0-9][0-9]) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([0-9]{4})");
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  private RetryAfterHeader() {}

  /** The wait the header asks for, measured from now; empty if the value is missing or malformed. */
  public static Optional<Duration> parse(String value) {
    return parse(value, Instant.now());
  }

  /** The wait the header asks for, measured from {@code now}; empty if the value is missing or malformed. */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null) return Optional.empty();
    String trimmed = value.strip();
    if (DELTA_SECONDS.matcher(trimmed).matches()) {
      // More digits than a long holds is still "very long", not garbage.
      return Optional.of(Duration.ofSeconds(trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed)));
    }
    return parseDate(trimmed, now).map(date -> {
      Duration wait = Duration.between(now, date);
      return wait.isNegative() ? Duration.ZERO : wait;
    });
  }

  private static Optional<Instant> parseDate(String value, Instant now) {
    try {
      Matcher m;
      if ((m = IMF_FIXDATE.matcher(value)).matches()) {
        return date(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
      }
      if ((m = RFC_850.matcher(value)).matches()) {
        int year = fullYear(Integer.parseInt(m.group(3)), now.atZone(ZoneOffset.UTC).getYear());
        return date(year, m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
      }
      if ((m = ASCTIME.matcher(value)).matches()) {
        return date(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(), m.group(3), m.group(4), m.group(5));
      }
    } catch (DateTimeException e) {
      // e.g. "31 Feb": well-formed but no such date
    }
    return Optional.empty();
  }

  private static Optional<Instant> date(int year, String month, String day, String hour, String minute, String second) {
    int monthIndex = MONTHS.indexOf(month);
    if (monthIndex < 0) return Optional.empty();
    return Optional.of(LocalDateTime.of(year, monthIndex + 1, Integer.parseInt(day), Integer.parseInt(hour),
            Integer.parseInt(minute), Integer.parseInt(second))
        .toInstant(ZoneOffset.UTC));
  }

  /** RFC 9110: a two-digit year more than 50 years in the future is the most recent past year with those digits. */
  static int fullYear(int twoDigits, int currentYear) {
    int year = currentYear - currentYear % 100 + twoDigits;
    if (year > currentYear + 50) return year - 100;
    if (year <= currentYear - 50) return year + 100;
    return year;
  }
}
