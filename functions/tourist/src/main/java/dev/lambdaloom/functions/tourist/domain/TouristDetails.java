package dev.lambdaloom.functions.tourist.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client may set on a tourist, valid by construction: {@link #of} normalizes and checks
 * every field and reports all broken rules at once. Emails are normalized before they are checked,
 * so the uniqueness check (in the schema) compares what is stored.
 *
 * @param name 1 to 200 characters of any script, trimmed, no control characters
 * @param email an address of the usual {@code local@domain.tld} shape, at most 254 characters, in
 *     Unicode NFKC (so a fullwidth {@code ａｄａ@example.com} is {@code ada@example.com}), without
 *     spaces, invisible or control characters (a U+200B ZERO WIDTH SPACE would make a look-alike
 *     twin of another address); unique among tourists regardless of case
 * @param nationality an assigned ISO 3166-1 alpha-2 code, upper case
 * @param passportNumber optional: 5 to 20 letters and digits, upper case; null when absent
 */
public record TouristDetails(String name, String email, String nationality, String passportNumber) {
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_EMAIL_LENGTH = 254;

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's call.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cc}]+@[^@\\s\\p{Cc}.]+(\\.[^@\\s\\p{Cc}.]+)+");
  private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,20}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}]");
  // Control (Cc), format (Cf: U+200B, U+200E, U+FEFF...), lone surrogates (Cs) and any Unicode white space.
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{IsWhite_Space}]");

  /** Validates and normalizes raw values (nulls for absent fields). */
  public static TouristDetails of(String name, String email, String nationality, String passportNumber) {
    List<FieldError> errors = new ArrayList<>();
    String cleanName = name == null ? null : name.strip();
    if (cleanName == null || cleanName.isEmpty()) {
      errors.add(new FieldError("name", "is required"));
    } else if (cleanName.codePointCount(0, cleanName.length()) > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
    } else if (CONTROL.matcher(cleanName).find()) {
      errors.add(new FieldError("name", "must not contain control characters or broken Unicode"));
    }
    String cleanEmail = email == null ? null : Normalizer.normalize(email, Normalizer.Form.NFKC).strip();
    if (cleanEmail == null || cleanEmail.isEmpty()) {
      errors.add(new FieldError("email", "is required"));
    } else if (cleanEmail.codePointCount(0, cleanEmail.length()) > MAX_EMAIL_LENGTH) {
      errors.add(new FieldError("email", "must be at most " + MAX_EMAIL_LENGTH + " characters"));
    } else if (INVISIBLE.matcher(cleanEmail).find()) {
      errors.add(new FieldError("email", "must not contain spaces, invisible or control characters ("
          + firstInvisible(cleanEmail) + ")"));
    } else if (!EMAIL.matcher(cleanEmail).matches()) {
      errors.add(new FieldError("email", "must be an email address like name@example.com"));
    }
    String country = nationality == null ? null : nationality.strip().toUpperCase(Locale.ROOT);
    if (country == null || country.isEmpty()) {
      errors.add(new FieldError("nationality", "is required"));
    } else if (!COUNTRIES.contains(country)) {
      errors.add(new FieldError("nationality", "must be an ISO 3166-1 alpha-2 country code such as FR or JP"));
    }
    String passport = passportNumber == null ? null : passportNumber.strip().toUpperCase(Locale.ROOT);
    if (passport != null && passport.isEmpty()) {
      passport = null; // an empty string means none, like an absent field
    }
    if (passport != null && !PASSPORT.matcher(passport).matches()) {
      errors.add(new FieldError("passportNumber", "must be 5 to 20 letters and digits"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidTouristException(errors);
    }
    return new TouristDetails(cleanName, cleanEmail, country, passport);
  }

  /** Names the first invisible character, so a client can find what it cannot see: "U+200B at character 4". */
  private static String firstInvisible(String text) {
    Matcher invisible = INVISIBLE.matcher(text);
    invisible.find();
    return String.format(Locale.ROOT, "U+%04X at character %d", text.codePointAt(invisible.start()),
        text.codePointCount(0, invisible.start()) + 1);
  }
}
