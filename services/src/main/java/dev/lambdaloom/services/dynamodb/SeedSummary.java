package dev.lambdaloom.services.dynamodb;

import java.time.Duration;
import java.util.Locale;

/**
 * What {@link WorkerTableSeeder#seed} wrote.
 *
 * @param written every record
 * @param expired completed and older than 48 h: what a scavenger deletes
 * @param recent completed within the last 47 h
 * @param notCompleted old or running, Completed 0
 * @param malformed completed, StartExecutionTime missing or garbage
 * @param completedAsString records whose Completed is stored as a string, as in the article's older items
 * @param requests BatchWriteItem requests sent, retries included
 * @param retries requests sent again: unprocessed items or throttling
 * @param took wall-clock time
 */
public record SeedSummary(int written, int expired, int recent, int notCompleted, int malformed,
    int completedAsString, long requests, long retries, Duration took) {

  public double itemsPerSecond() {
    return took.isZero() ? 0 : written / (took.toNanos() / 1e9);
  }

  public String describe() {
    return String.format(Locale.ROOT,
        "%,d items in %.1f s (%,.0f items/s, %,d requests, %,d retries): %,d expired and completed, %,d recent, "
            + "%,d not completed, %,d malformed; Completed stored as a string in %,d",
        written, took.toNanos() / 1e9, itemsPerSecond(), requests, retries, expired, recent, notCompleted, malformed,
        completedAsString);
  }
}
