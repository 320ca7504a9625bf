package dev.lambdaloom.services.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Many writers and a reader per shard at once, as Lambda's pollers and functions' writers meet on a stream. */
class KinesisLocalConcurrencyTest {
  private static final int WRITERS = 8;
  private static final int KEYS_PER_WRITER = 5;
  private static final int RECORDS_PER_WRITER = 100;
  /** Far above the 800 writes' few seconds on an idle machine and 40 s on a shared, overloaded one. */
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  @Test
  void concurrentWritersAndTailingReadersSeeEveryRecordOnceInEachKeysOrder() throws Exception {
    try (KinesisLocal kinesis = KinesisLocal.start();
         KinesisClient client = KinesisClients.of(kinesis)) {
      client.createStream(b -> b.streamName("s").shardCount(4));
      AtomicBoolean writersDone = new AtomicBoolean();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      List<Future<List<Record>>> readers = new ArrayList<>();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int shard = 0; shard < 4; shard++) {
          String shardId = "shardId-00000000000" + shard;
          readers.add(threads.submit(() -> tail(client, shardId, writersDone, deadline)));
        }
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.add(threads.submit(() -> {
            for (int n = 0; n < RECORDS_PER_WRITER; n++) {
              String key = "w" + writer + "-k" + (n % KEYS_PER_WRITER);
              String data = key + "#" + n;
              client.putRecord(b -> b.streamName("s").partitionKey(key).data(SdkBytes.fromUtf8String(data)));
            }
            return null;
          }));
        }
        for (Future<?> writer : writers) {
          writer.get();
        }
        writersDone.set(true);
      }

      Map<String, List<Integer>> readPerKey = new LinkedHashMap<>();
      int read = 0;
      for (Future<List<Record>> reader : readers) {
        for (Record record : reader.get()) {
          read++;
          String[] parts = record.data().asUtf8String().split("#");
          assertThat(parts[0]).isEqualTo(record.partitionKey());
          readPerKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
      }
      assertThat(read).isEqualTo(WRITERS * RECORDS_PER_WRITER);
      assertThat(readPerKey).hasSize(WRITERS * KEYS_PER_WRITER);
      readPerKey.forEach((key, numbers) -> assertThat(numbers).as(key).isSorted().doesNotHaveDuplicates()
          .hasSize(RECORDS_PER_WRITER / KEYS_PER_WRITER));
    }
  }

  /** Reads a shard from its start until the writers are done and the shard's tip is reached after that. */
  private static List<Record> tail(KinesisClient client, String shardId, AtomicBoolean writersDone, long deadline) {
    List<Record> records = new ArrayList<>();
    String iterator = client.getShardIterator(b -> b.streamName("s").shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    while (System.nanoTime() < deadline) {
      boolean finalRound = writersDone.get();
      String current = iterator;
      GetRecordsResponse page = client.getRecords(b -> b.shardIterator(current).limit(50));
      records.addAll(page.records());
      iterator = page.nextShardIterator();
      if (finalRound && page.millisBehindLatest() == 0 && page.records().isEmpty()) {
        return records;
      }
    }
    throw new AssertionError(shardId + " was not read to its tip within " + DEADLINE + "; read " + records.size());
  }
}
