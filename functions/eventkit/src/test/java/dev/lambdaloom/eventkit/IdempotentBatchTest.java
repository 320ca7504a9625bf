package dev.lambdaloom.eventkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.core.batch.BatchResult;
import dev.lambdaloom.core.batch.KeyedBatch;
import dev.lambdaloom.core.batch.RecordHandler;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** KeyedBatch with an idempotent handler, as a stream function runs it: a partial failure, then a redelivery. */
@ExtendWith(SharedDynamoDbLocal.class)
@Timeout(180) // DynamoDB Local may start in this test; a loaded machine takes tens of seconds
class IdempotentBatchTest {
  /** A stream record: its partition key and its sequence number (the item id and the idempotency key). */
  record StreamRecord(String partitionKey, String sequenceNumber) {}

  @Test
  void aBatchRedeliveredAfterAPartialFailureAppliesEveryRecordOnceInEachKeysOrder(DynamoDbLocal dynamo)
      throws Exception {
    IdempotencyTable.create(dynamo.client(), "IdempotentBatch");
    IdempotencyStore store = new IdempotencyStore(
        dynamo.client(), "IdempotentBatch", Duration.ofHours(24), Duration.ofMinutes(15), Clock.systemUTC());
    Random random = new Random(7);
    List<StreamRecord> records = new ArrayList<>();
    for (int i = 0; i < 240; i++) records.add(new StreamRecord("pk" + random.nextInt(12), "seq-%04d".formatted(i)));
    Set<String> failOnce = ConcurrentHashMap.newKeySet();
    failOnce.addAll(List.of("seq-0030", "seq-0100", "seq-0101", "seq-0180"));
    Map<String, Queue<String>> appliedPerKey = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> timesApplied = new ConcurrentHashMap<>();
    AtomicInteger handlerCalls = new AtomicInteger();
    RecordHandler<StreamRecord> handler = Idempotent.wrap(store, StreamRecord::sequenceNumber, record -> {
      handlerCalls.incrementAndGet();
      if (failOnce.remove(record.sequenceNumber())) throw new IOException(record.sequenceNumber() + " failed once");
      appliedPerKey.computeIfAbsent(record.partitionKey(), k -> new ConcurrentLinkedQueue<>())
          .add(record.sequenceNumber());
      timesApplied.computeIfAbsent(record.sequenceNumber(), k -> new AtomicInteger()).incrementAndGet();
    });
    KeyedBatch<StreamRecord> batch = KeyedBatch.by(StreamRecord::partitionKey, StreamRecord::sequenceNumber);

    BatchResult<StreamRecord> first = batch.run(records, handler);

    List<String> expectedFailures = failedAndAfterInTheirKeys(records, Set.of("seq-0030", "seq-0100", "seq-0101", "seq-0180"));
    assertThat(first.itemFailures()).isEqualTo(expectedFailures);
    assertThat(failOnce).isEmpty();

    // A stream delivers again from the first failed record on: with it come records of other keys already applied.
    int from = records.stream().map(StreamRecord::sequenceNumber).toList().indexOf(expectedFailures.getFirst());
    List<StreamRecord> redelivered = records.subList(from, records.size());
    handlerCalls.set(0);
    BatchResult<StreamRecord> second = batch.run(redelivered, handler);

    assertThat(second.allApplied()).as(second.toString()).isTrue();
    assertThat(handlerCalls.get()).as("records applied on redelivery").isEqualTo(expectedFailures.size())
        .isLessThan(redelivered.size());
    assertThat(timesApplied).hasSize(records.size()).allSatisfy((seq, times) -> assertThat(times).as(seq).hasValue(1));
    appliedPerKey.forEach((key, applied) -> assertThat(applied).as(key).containsExactlyElementsOf(
        records.stream().filter(r -> r.partitionKey().equals(key)).map(StreamRecord::sequenceNumber).toList()));
  }

  /** The oracle: each failing record and every later record of its key, in input order. */
  private static List<String> failedAndAfterInTheirKeys(List<StreamRecord> records, Set<String> failing) {
    Set<String> failedKeys = new HashSet<>();
    List<String> failures = new ArrayList<>();
    for (StreamRecord record : records) {
      if (failing.contains(record.sequenceNumber())) failedKeys.add(record.partitionKey());
      if (failedKeys.contains(record.partitionKey())) failures.add(record.sequenceNumber());
    }
    return failures;
  }
}
