package dev.lambdaloom.eventkit;

import static dev.lambdaloom.eventkit.IdempotencyTable.COMPLETED;
import static dev.lambdaloom.eventkit.IdempotencyTable.EXPIRES_AT;
import static dev.lambdaloom.eventkit.IdempotencyTable.ID;
import static dev.lambdaloom.eventkit.IdempotencyTable.IN_PROGRESS;
import static dev.lambdaloom.eventkit.IdempotencyTable.IN_PROGRESS_UNTIL;
import static dev.lambdaloom.eventkit.IdempotencyTable.STATUS;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Claims on idempotency keys in a DynamoDB table (see {@link IdempotencyTable} for its shape), so that a record Lambda
 * delivers more than once is applied once. A key is claimed before its record is applied, completed after, released
 * if applying failed.
 *
 * <p>A claim is one conditional PutItem: it succeeds when nobody holds the key, when its completion is older than
 * {@code keepFor}, or when its in-progress claim is older than {@code inProgressFor} (its holder died or timed out).
 * {@code inProgressFor} must therefore exceed the longest a record can take (the function's timeout): a claim that
 * goes stale while its holder still works lets a redelivery apply the record a second time.
 *
 * <p>Times come from {@code clock}, and the conditions compare them; the claim's condition checks expiry itself
 * because the time-to-live on {@value IdempotencyTable#EXPIRES_AT} removes what is no longer kept late (DynamoDB may
 * take days to). That time-to-live runs on DynamoDB's own clock, though: {@code clock} must not lag behind it by more
 * than {@code inProgressFor}, or DynamoDB deletes live claims (and a racing caller then claims the key too).
 *
 * <p>Thread-safe: it holds no state of its own besides its settings, and the SDK's client is thread-safe, so any
 * number of virtual threads may claim, complete and release keys at once; DynamoDB's conditional writes decide races
 * on one key (exactly one claim wins).
 */
public final class IdempotencyStore {
  /** DynamoDB's limit on a partition key. */
  private static final int MAX_KEY_BYTES = 2048;

  private static final String CLAIMABLE = "attribute_not_exists(#id) OR #expiresAt < :nowSeconds"
      + " OR (#status = :inProgress AND #inProgressUntil < :nowMillis)";
  private static final Map<String, String> CLAIMABLE_NAMES = Map.of(
      "#id", ID, "#expiresAt", EXPIRES_AT, "#status", STATUS, "#inProgressUntil", IN_PROGRESS_UNTIL);

  /**
   * A claim that fails finds the holder's item; if the holder released it in between, there is none, and the key is
   * tried again. Each try can only lose to another claim that won, so a few tries are plenty.
   */
  private static final int CLAIM_TRIES = 3;

  private final DynamoDbClient client;
  private final String tableName;
  private final Duration keepFor;
  private final Duration inProgressFor;
  private final Clock clock;

  /**
   * @param keepFor how long a completion keeps a redelivery from applying its record again (at least the event
   *     source's retention: 24 h for Kinesis by default, 14 days at most for SQS)
   * @param inProgressFor after how long a claim whose holder neither completed nor released it is taken over
   */
  public IdempotencyStore(
      DynamoDbClient client, String tableName, Duration keepFor, Duration inProgressFor, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    if (tableName.isBlank()) throw new IllegalArgumentException("tableName is blank");
    this.keepFor = requirePositive(keepFor, "keepFor");
    this.inProgressFor = requirePositive(inProgressFor, "inProgressFor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Claims {@code key} for this caller, or says who has it. */
  public Claim claim(String key) {
    requireKey(key);
    for (int attempt = 1; attempt <= CLAIM_TRIES; attempt++) {
      long now = clock.millis();
      long until = now + inProgressFor.toMillis();
      try {
        client.putItem(b -> b.tableName(tableName)
            .item(Map.of(
                ID, string(key),
                STATUS, string(IN_PROGRESS),
                IN_PROGRESS_UNTIL, number(until),
                // Never before the claim goes stale, so the expiry clause cannot take a live claim over.
                EXPIRES_AT, number(Math.ceilDiv(until, 1000))))
            .conditionExpression(CLAIMABLE)
            .expressionAttributeNames(CLAIMABLE_NAMES)
            .expressionAttributeValues(Map.of(
                ":nowSeconds", number(Math.floorDiv(now, 1000)),
                ":nowMillis", number(now),
                ":inProgress", string(IN_PROGRESS)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        return new Claim.Acquired();
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> holder = e.hasItem() ? e.item() : readConsistently(key);
        if (!holder.isEmpty()) return heldBy(key, holder);
      }
    }
    return new Claim.InProgressElsewhere();
  }

  /** Marks {@code key} applied; redeliveries are skipped for {@code keepFor} from now. */
  public void complete(String key) {
    requireKey(key);
    long expiresAt = Math.floorDiv(clock.millis() + keepFor.toMillis(), 1000);
    client.putItem(b -> b.tableName(tableName)
        .item(Map.of(ID, string(key), STATUS, string(COMPLETED), EXPIRES_AT, number(expiresAt))));
  }

  /**
   * Gives up an in-progress claim on {@code key} after its record failed, so that a redelivery applies it. A completed
   * key is never deleted (the condition on its status); a key nobody holds is left as it is.
   */
  public void release(String key) {
    requireKey(key);
    try {
      client.deleteItem(b -> b.tableName(tableName)
          .key(Map.of(ID, string(key)))
          .conditionExpression("#status = :inProgress")
          .expressionAttributeNames(Map.of("#status", STATUS))
          .expressionAttributeValues(Map.of(":inProgress", string(IN_PROGRESS))));
    } catch (ConditionalCheckFailedException e) {
      // Completed, or gone: nothing of ours to release.
    }
  }

  public String tableName() {
    return tableName;
  }

  /** For a DynamoDB without ReturnValuesOnConditionCheckFailure: the holder's item as it is now, empty if none. */
  private Map<String, AttributeValue> readConsistently(String key) {
    return client.getItem(b -> b.tableName(tableName).key(Map.of(ID, string(key))).consistentRead(true)).item();
  }

  private Claim heldBy(String key, Map<String, AttributeValue> holder) {
    AttributeValue status = holder.get(STATUS);
    String value = status == null ? null : status.s();
    if (COMPLETED.equals(value)) return new Claim.AlreadyCompleted();
    if (IN_PROGRESS.equals(value)) return new Claim.InProgressElsewhere();
    throw new IllegalStateException("table " + tableName + ": the item with id \"" + key + "\" has status " + status
        + ", neither " + IN_PROGRESS + " nor " + COMPLETED + "; is the table shared with something else?");
  }

  private static void requireKey(String key) {
    Objects.requireNonNull(key, "idempotency key");
    if (key.isEmpty()) throw new IllegalArgumentException("idempotency key is empty");
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "idempotency key is " + bytes + " bytes, DynamoDB takes at most " + MAX_KEY_BYTES + ": " + key.substring(0, 40) + "...");
    }
  }

  private static Duration requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException(name + " <= 0: " + duration);
    return duration;
  }

  private static AttributeValue string(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  @Override
  public String toString() {
    return "IdempotencyStore[table=" + tableName + ", keepFor=" + keepFor + ", inProgressFor=" + inProgressFor + "]";
  }
}
