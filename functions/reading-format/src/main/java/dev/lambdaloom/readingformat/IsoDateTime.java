package dev.lambdaloom.readingformat;

import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Accepts what {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} accepts (seconds optional, up to 9 fraction digits),
 * optionally followed by an offset ({@code Z}, {@code +01:00}), and nothing else. Dates must exist: strict resolving
 * rejects February 30th.
 */
final class IsoDateTime {
  /** Longer than any ISO date-time; a guard so a huge string is not handed to the formatter. */
  private static final int MAX_LENGTH = 64;

  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart()
      .appendOffsetId()
      .optionalEnd()
      .toFormatter(Locale.ROOT)
      .withChronology(IsoChronology.INSTANCE)
      .withResolverStyle(ResolverStyle.STRICT);

  private IsoDateTime() {}

  static boolean isValid(String text) {
    if (text.length() > MAX_LENGTH) return false;
    try {
      FORMAT.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
