package dev.lambdaloom.services.dynamodb;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link WorkerTableSeeder} writes: {@code items} worker records of which {@code expiredShare} are completed
 * and older than 48 hours (what a scavenger must delete), the rest completed but recent, or never completed; plus
 * {@code malformed} completed records whose StartExecutionTime is missing or garbage.
 *
 * <p>The defaults reproduce the article's table: about 130,000 items, of which about 3,300 survive a scavenger run.
 *
 * @param table the table's name
 * @param items well-formed records
 * @param expiredShare the share of {@code items} that is expired and completed, 0..1
 * @param malformed extra records that a scavenger must skip
 * @param seed the random seed: the same plan writes the same items (StartExecutionTime relative to {@code now})
 * @param now the moment ages are counted from
 */
public record SeedPlan(String table, int items, double expiredShare, int malformed, long seed, Instant now) {
  public static final String DEFAULT_TABLE = "Workers";
  public static final int DEFAULT_ITEMS = 130_000;
  /** 1 - 3,300 / 130,000: the article's function kept "about 3,300" of "approximately 130,000" items. */
  public static final double DEFAULT_EXPIRED_SHARE = 0.9746;
  public static final int DEFAULT_MALFORMED = 12;
  public static final long DEFAULT_SEED = 20210202L; // the article's date

  public SeedPlan {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(now, "now");
    if (items < 0) throw new IllegalArgumentException("items < 0: " + items);
    if (malformed < 0) throw new IllegalArgumentException("malformed < 0: " + malformed);
    if (!(expiredShare >= 0 && expiredShare <= 1)) {
      throw new IllegalArgumentException("expiredShare must be within 0..1: " + expiredShare);
    }
  }

  /** The article's table, written now. */
  public static SeedPlan article(String table) {
    return new SeedPlan(table, DEFAULT_ITEMS, DEFAULT_EXPIRED_SHARE, DEFAULT_MALFORMED, DEFAULT_SEED, Instant.now());
  }

  public SeedPlan withItems(int value) {
    return new SeedPlan(table, value, expiredShare, malformed, seed, now);
  }

  public SeedPlan withExpiredShare(double value) {
    return new SeedPlan(table, items, value, malformed, seed, now);
  }

  public SeedPlan withMalformed(int value) {
    return new SeedPlan(table, items, expiredShare, value, seed, now);
  }

  public SeedPlan withSeed(long value) {
    return new SeedPlan(table, items, expiredShare, malformed, value, now);
  }

  /** Records a scavenger must delete. */
  public int expired() {
    return (int) Math.round(items * expiredShare);
  }

  /** Records that must survive a scavenger run: the well-formed ones it must keep, and the malformed ones. */
  public int survivors() {
    return items - expired() + malformed;
  }

  /** Everything written. */
  public int total() {
    return items + malformed;
  }
}
