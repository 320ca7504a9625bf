package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one run does. Each setting comes from the event if there, else from the environment, else its default, read
 * strictly by core's {@link Settings}: a value that could mean two things ({@code "1"}, {@code "yes"}, {@code "TRUE "}
 * for dryRun; {@code "10.0"} for a count; {@code "BATCH"} for a mode) is an {@link InvalidSettingException}, raised
 * before any request, never a guess.
 *
 * @param table the worker records table (event {@code table}, env {@code TABLE_NAME}; required)
 * @param totalSegments parallel scan segments, one reader each ({@code totalSegments}, {@code TOTAL_SEGMENTS}; 10)
 * @param deletesInFlight delete requests at once ({@code deletesInFlight}, {@code DELETES_IN_FLIGHT}; 10)
 * @param maxAge completed items that started longer ago go ({@code maxAgeHours}, {@code MAX_AGE_HOURS}; 48 h)
 * @param dryRun decide and count, delete nothing ({@code dryRun}, {@code DRY_RUN}; true or false, default false)
 * @param deleteMode batch, transact or item ({@code deleteMode}, {@code DELETE_MODE}; batch)
 * @param pageSize items a Scan request reads ({@code pageSize}, {@code PAGE_SIZE}); unset, as many as the time left
 *     allows, up to 1,000 (see {@link PageSize.Paced})
 */
record ScavengeSettings(String table, int totalSegments, int deletesInFlight, Duration maxAge, boolean dryRun,
    DeleteMode deleteMode, PageSize pageSize) {

  static final int DEFAULT_SEGMENTS = 10;
  static final int MAX_SEGMENTS = 1_000_000; // DynamoDB's limit for TotalSegments
  static final int DEFAULT_DELETES_IN_FLIGHT = 10;
  static final int MAX_DELETES_IN_FLIGHT = 1_000;
  static final Duration DEFAULT_MAX_AGE = Duration.ofHours(48);
  /** One thousandth of an hour (3.6 s) to ten years: a younger limit is a typo, not a retention policy. */
  static final double MIN_MAX_AGE_HOURS = 0.001;
  static final double MAX_MAX_AGE_HOURS = 87_600;
  /** The most items a paced page reads. */
  static final int DEFAULT_PAGE_SIZE = 1_000;
  static final int MAX_PAGE_SIZE = 1_000_000;
  /** DynamoDB's table names; anything else could not be a table, and could break out of the PartiQL quotes. */
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final String TABLE_NAME_RULE = "must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -)";

  static final String TABLE = "table";
  static final String TOTAL_SEGMENTS = "totalSegments";
  static final String DELETES_IN_FLIGHT = "deletesInFlight";
  static final String MAX_AGE_HOURS = "maxAgeHours";
  static final String DRY_RUN = "dryRun";
  static final String DELETE_MODE = "deleteMode";
  static final String PAGE_SIZE = "pageSize";

  ScavengeSettings {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(deleteMode, "deleteMode");
    Objects.requireNonNull(pageSize, "pageSize");
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("table " + TABLE_NAME_RULE + ", not '" + table + "'");
    }
    if (totalSegments < 1 || totalSegments > MAX_SEGMENTS) {
      throw new IllegalArgumentException("totalSegments must be 1.." + MAX_SEGMENTS + ", not " + totalSegments);
    }
    if (deletesInFlight < 1 || deletesInFlight > MAX_DELETES_IN_FLIGHT) {
      throw new IllegalArgumentException("deletesInFlight must be 1.." + MAX_DELETES_IN_FLIGHT + ", not " + deletesInFlight);
    }
    if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
  }

  /** Reads every setting; throws {@link InvalidSettingException} naming the first one that cannot be read. */
  static ScavengeSettings from(Settings source) {
    String table = source.text(TABLE, "TABLE_NAME", null);
    if (table == null) {
      throw new InvalidSettingException(TABLE, "table is missing: set TABLE_NAME or the event's table");
    }
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new InvalidSettingException(TABLE, "table " + TABLE_NAME_RULE + ", not '" + table + "'");
    }
    double maxAgeHours = source.number(MAX_AGE_HOURS, "MAX_AGE_HOURS", DEFAULT_MAX_AGE.toHours(), MIN_MAX_AGE_HOURS,
        MAX_MAX_AGE_HOURS);
    return new ScavengeSettings(
        table,
        source.wholeNumber(TOTAL_SEGMENTS, "TOTAL_SEGMENTS", DEFAULT_SEGMENTS, 1, MAX_SEGMENTS),
        source.wholeNumber(DELETES_IN_FLIGHT, "DELETES_IN_FLIGHT", DEFAULT_DELETES_IN_FLIGHT, 1, MAX_DELETES_IN_FLIGHT),
        Duration.ofMillis(Math.round(maxAgeHours * 3_600_000)),
        source.flag(DRY_RUN, "DRY_RUN", false),
        source.choice(DELETE_MODE, "DELETE_MODE", DeleteMode.BATCH, DeleteMode.class, DeleteMode::label),
        pageSize(source));
  }

  /** The caller's page size, fixed; else paced up to the default. */
  private static PageSize pageSize(Settings source) {
    int items = source.wholeNumber(PAGE_SIZE, "PAGE_SIZE", 0, 1, MAX_PAGE_SIZE);
    return items == 0 ? new PageSize.Paced(DEFAULT_PAGE_SIZE) : new PageSize.Fixed(items);
  }

  /** True when the event or the environment sets totalSegments, rather than the default applying. */
  static boolean segmentsChosen(Settings source) {
    return source.wholeNumber(TOTAL_SEGMENTS, "TOTAL_SEGMENTS", 0, 1, MAX_SEGMENTS) != 0;
  }

  ScavengeSettings withTotalSegments(int value) {
    return new ScavengeSettings(table, value, deletesInFlight, maxAge, dryRun, deleteMode, pageSize);
  }

  String describe() {
    return String.format(Locale.ROOT, "table %s, %d segments, %d deletes in flight (%s), max age %s%s", table,
        totalSegments, deletesInFlight, deleteMode.label(), maxAge, dryRun ? ", dry run" : "");
  }
}
