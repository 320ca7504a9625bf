package dev.lambdaloom.functions.tourist.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TouristDetailsTest {
  @Test
  void normalizesWhatItAccepts() {
    TouristDetails d = TouristDetails.of("  Ada Lovelace ", " ada@example.com ", "gb", " ab12345 ");

    assertThat(d).isEqualTo(new TouristDetails("Ada Lovelace", "ada@example.com", "GB", "AB12345"));
  }

  @Test
  void passportIsOptionalAndEmptyMeansNone() {
    assertThat(TouristDetails.of("Ada", "ada@example.com", "GB", null).passportNumber()).isNull();
    assertThat(TouristDetails.of("Ada", "ada@example.com", "GB", "  ").passportNumber()).isNull();
  }

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of(" ", "not-an-email", "XX", "12"));

    assertThat(e.errors()).extracting(FieldError::field).containsExactly("name", "email", "nationality", "passportNumber");
  }

  @Test
  void acceptsNamesInAnyScriptUpToTheLimitInCharactersNotBytes() {
    String japanese = "山".repeat(TouristDetails.MAX_NAME_LENGTH);
    assertThat(TouristDetails.of(japanese, "y@example.jp", "JP", null).name()).isEqualTo(japanese);
    String emoji = "😀".repeat(TouristDetails.MAX_NAME_LENGTH); // two UTF-16 units each
    assertThat(TouristDetails.of(emoji, "e@example.com", "FR", null).name()).isEqualTo(emoji);

    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("a".repeat(TouristDetails.MAX_NAME_LENGTH + 1), "a@example.com", "FR", null));
    assertThat(e.errors()).containsExactly(new FieldError("name", "must be at most 200 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there", "nul\u0000", "lone \ud800 surrogate"})
  void refusesControlCharactersAndBrokenUnicodeInNames(String name) {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of(name, "a@example.com", "FR", null));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@b", "@example.com", "a b@example.com", "a@@example.com", "a@example.com\u0000"})
  void refusesEmailsOfTheWrongShape(String email) {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("Ada", email, "FR", null));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UK", "EU", "FRA", "F", "1A"})
  void nationalityIsAnAssignedIsoAlpha2Code(String code) {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("Ada", "a@example.com", code, null));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("nationality");
  }
}
