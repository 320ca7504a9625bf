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

  @Test
  void emailsAreNormalizedToNfkcBeforeTheyAreChecked() {
    assertThat(TouristDetails.of("Ada", "ａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ", "GB", null).email()).isEqualTo("ada@example.com");
    assertThat(TouristDetails.of("Fi", "\uFB01ona@example.com", "GB", null).email()).isEqualTo("fiona@example.com");
    assertThat(TouristDetails.of("Ada", "\u3000ada@example.com\u00A0", "GB", null).email()).isEqualTo("ada@example.com");
    assertThat(TouristDetails.of("Zoë", "zoe\u0308@example.com", "FR", null).email()).isEqualTo("zoë@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada@example.com\u200B", "ada\u200B@example.com", "\u200Eada@example.com",
      "\uFEFFada@example.com", "ada@exa\u00ADmple.com", "ada\u2060@example.com", "ada @example.com",
      "ada\u00A0@example.com", "ada\u3000x@example.com", "ada\u2028@example.com", "ada\t@example.com",
      "ada@example.com\u0000", "ada\u0085@example.com", "ada\ud800@example.com"})
  void refusesSpacesInvisibleAndControlCharactersInEmails(String email) {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("Ada", email, "FR", null));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("email");
    assertThat(e.errors().getFirst().message()).startsWith("must not contain spaces, invisible or control characters");
  }

  @Test
  void namesTheInvisibleCharacterSoAClientCanFindIt() {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("Ada", "\uD83D\uDE00ada\u200B@example.com", "FR", null));
    assertThat(e.errors()).containsExactly(new FieldError("email",
        "must not contain spaces, invisible or control characters (U+200B at character 5)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UK", "EU", "FRA", "F", "1A"})
  void nationalityIsAnAssignedIsoAlpha2Code(String code) {
    InvalidTouristException e = catchThrowableOfType(InvalidTouristException.class,
        () -> TouristDetails.of("Ada", "a@example.com", code, null));
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("nationality");
  }
}
