package dev.lambdaloom.functions.scavenger;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one run does. Each setting comes from the event if there, else from the environment, else its default.
 *
 * @param table the worker records table (event {@code table}, env {@code TABLE_NAME})
 * @param totalSegments parallel scan segments, one reader each ({@code totalSegments}, {@code TOTAL_SEGMENTS})
 * @param deletesInFlight delete requests at once ({@code deletesInFlight}, {@code DELETES_IN_FLIGHT})
 * @param maxAge completed items that started longer ago go ({@code maxAgeHours}, {@code MAX_AGE_HOURS}; 48 h)
 * @param dryRun decide and count, delete nothing ({@code dryRun}, {@code DRY_RUN})
 * @param deleteMode batch, transact or item ({@code deleteMode}, {@code DELETE_MODE}; batch)
 * @param pageSize items a Scan request reads at most ({@code pageSize}, {@code PAGE_SIZE}; 1,000)
 */
record ScavengeSettings(String table, int totalSegments, int deletesInFlight, Duration maxAge, boolean dryRun,
    DeleteMode deleteMode, int pageSize) {

  static final int DEFAULT_SEGMENTS = 10;
  static final int DEFAULT_DELETES_IN_FLIGHT = 10;
  static final Duration DEFAULT_MAX_AGE = Duration.ofHours(48);
  static final int DEFAULT_PAGE_SIZE = 1_000;

  ScavengeSettings {
    Objects.requireNonNull(table, "table");
    if (table.isBlank()) throw new IllegalArgumentException("table is missing: set TABLE_NAME or the event's table");
    if (totalSegments < 1 || totalSegments > 1_000_000) {
      throw new IllegalArgumentException("totalSegments must be 1..1000000, not " + totalSegments);
    }
    if (deletesInFlight < 1 || deletesInFlight > 1_000) {
      throw new IllegalArgumentException("deletesInFlight must be 1..1000, not " + deletesInFlight);
    }
    if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    if (pageSize < 1) throw new IllegalArgumentException("pageSize must be positive, not " + pageSize);
  }

  static ScavengeSettings from(Map<String, Object> event, Map<String, String> environment) {
    Source source = new Source(event == null ? Map.of() : event, environment);
    return new ScavengeSettings(
        source.text("table", "TABLE_NAME", ""),
        source.whole("totalSegments", "TOTAL_SEGMENTS", DEFAULT_SEGMENTS),
        source.whole("deletesInFlight", "DELETES_IN_FLIGHT", DEFAULT_DELETES_IN_FLIGHT),
        hours(source.text("maxAgeHours", "MAX_AGE_HOURS", Double.toString(DEFAULT_MAX_AGE.toHours()))),
        Boolean.parseBoolean(source.text("dryRun", "DRY_RUN", "false").strip()),
        DeleteMode.parse(source.text("deleteMode", "DELETE_MODE", DeleteMode.BATCH.label())),
        source.whole("pageSize", "PAGE_SIZE", DEFAULT_PAGE_SIZE));
  }

  ScavengeSettings withTotalSegments(int value) {
    return new ScavengeSettings(table, value, deletesInFlight, maxAge, dryRun, deleteMode, pageSize);
  }

  private static Duration hours(String text) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(text.strip()) * 3_600_000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("maxAgeHours must be a number, not '" + text + "'");
    }
  }

  /** The event's value if set, else the environment's. */
  private record Source(Map<String, Object> event, Map<String, String> environment) {
    String text(String eventKey, String variable, String fallback) {
      Object value = event.get(eventKey);
      if (value != null) return String.valueOf(value);
      String env = environment.get(variable);
      return env == null || env.isBlank() ? fallback : env;
    }

    int whole(String eventKey, String variable, int fallback) {
      String text = text(eventKey, variable, Integer.toString(fallback)).strip();
      try {
        double number = Double.parseDouble(text);
        if (number != Math.rint(number)) throw new NumberFormatException();
        return (int) number;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(eventKey + " must be a whole number, not '" + text + "'");
      }
    }
  }

  String describe() {
    return String.format(Locale.ROOT, "table %s, %d segments, %d deletes in flight (%s), max age %s%s", table,
        totalSegments, deletesInFlight, deleteMode.label(), maxAge, dryRun ? ", dry run" : "");
  }
}
