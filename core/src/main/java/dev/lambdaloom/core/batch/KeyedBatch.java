package dev.lambdaloom.core.batch;

import dev.lambdaloom.core.Deadline;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one batch of stream or queue records is processed: records of one key in input order, one at a time; different
 * keys in parallel, each on a virtual thread of its own, at most {@link #keysInFlight} keys at once. After a record
 * fails, the later records of its key are not passed to the handler (they are reported, so Lambda delivers them
 * again). Immutable: each setter returns a new instance, so one configured batch can be shared and reused.
 *
 * <p>Why not Powertools for AWS Lambda (Java)'s parallel batch mode: it hands the records to the common ForkJoinPool
 * with no notion of a key, so two records of one partition key or message group may run at once or out of order, and
 * a handler that blocks on I/O holds one of the pool's few platform threads. Kinesis, DynamoDB Streams and SQS FIFO
 * promise order per key, and most handlers do I/O. Here records of one key never overlap and keep their order, and a
 * blocked handler parks its virtual thread without holding a platform thread.
 *
 * <p>Every record gets an item id (a stream record's sequence number, an SQS message id): the id Lambda's partial batch
 * response names it by. It must not be null, and no two records of a batch may share one (the response could not
 * tell them apart); either is refused with {@link IllegalArgumentException} before any record runs, so nothing is
 * half done. The same goes for a null record or a null key.
 *
 * <p>Structured: {@link #run} returns only after every thread it started has ended. Stopping:
 * <ul>
 *   <li>{@link #stopStartingAt} deadline expired: no further record starts (each is {@link RecordOutcome.NotStarted});
 *       records already in the handler finish.
 *   <li>The calling thread is interrupted: every running handler is interrupted, every thread awaited, then
 *       {@link InterruptedException} is thrown. Handlers must respond to interruption (blocking I/O, sleeps and locks
 *       do); one that ignores it holds the call up.
 *   <li>A handler throws an {@link Error} (out of memory, stack overflow, a failed assertion): no further record starts
 *       anywhere, running handlers finish, then the error is thrown (later ones suppressed by it). A partial batch
 *       response after an error could claim records applied by a broken process; failing the whole invocation makes
 *       Lambda deliver the whole batch again instead, which an idempotent handler makes safe.
 * </ul>
 */
public final class KeyedBatch<R> {
  private static final int DEFAULT_KEYS_IN_FLIGHT = 64;

  private final Function<? super R, String> key;
  private final Function<? super R, String> itemId;
  private final int keysInFlight;
  private final Deadline stopStartingAt;

  private KeyedBatch(
      Function<? super R, String> key, Function<? super R, String> itemId, int keysInFlight, Deadline stopStartingAt) {
    if (keysInFlight < 1) throw new IllegalArgumentException("keysInFlight < 1: " + keysInFlight);
    this.key = Objects.requireNonNull(key, "key");
    this.itemId = Objects.requireNonNull(itemId, "itemId");
    this.keysInFlight = keysInFlight;
    this.stopStartingAt = Objects.requireNonNull(stopStartingAt, "stopStartingAt");
  }

  /**
   * Records grouped by {@code key} (a partition key, a message group id), named by {@code itemId} in the result; at
   * most 64 keys at once and no deadline.
   */
  public static <R> KeyedBatch<R> by(Function<? super R, String> key, Function<? super R, String> itemId) {
    return new KeyedBatch<>(key, itemId, DEFAULT_KEYS_IN_FLIGHT, Deadline.none());
  }

  /** At most {@code max} keys processed at once (each key is one thread, so also at most this many threads). */
  public KeyedBatch<R> keysInFlight(int max) {
    return new KeyedBatch<>(key, itemId, max, stopStartingAt);
  }

  /** No record starts once {@code deadline} has expired; records already running finish. */
  public KeyedBatch<R> stopStartingAt(Deadline deadline) {
    return new KeyedBatch<>(key, itemId, keysInFlight, deadline);
  }

  public int keysInFlight() {
    return keysInFlight;
  }

  public Deadline stopStartingAt() {
    return stopStartingAt;
  }

  /**
   * Passes every record to {@code handler}: records of one key in input order, one at a time, the next only after the
   * previous one was applied; different keys in parallel.
   *
   * @return one outcome per record, in input order
   * @throws IllegalArgumentException if a record, its key or its item id is null, or two records share an item id
   * @throws InterruptedException if the calling thread was interrupted (after every thread has ended)
   */
  public BatchResult<R> run(List<R> records, RecordHandler<? super R> handler) throws InterruptedException {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(handler, "handler");
    return new KeyedBatchRun<>(KeyGroups.of(records, key, itemId), handler, keysInFlight, stopStartingAt).run();
  }

  @Override
  public String toString() {
    return "KeyedBatch[keysInFlight=" + keysInFlight + ", stopStartingAt=" + stopStartingAt + "]";
  }
}
