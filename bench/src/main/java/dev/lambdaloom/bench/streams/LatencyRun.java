package dev.lambdaloom.bench.streams;

import dev.lambdaloom.bench.LatencySummary;
import dev.lambdaloom.emulator.events.StreamMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * Write-to-processed latency: a mapping already reading an empty stream, then records written at a steady rate, each
 * timed from just before its write was sent (the writer's clock) to the moment the mapping had it done. Each write is
 * sent at its planned instant on a thread of its own (all parked until then), so a slow write does not delay
 * the next. A few records first,
 * untimed, so the readers are polling and a container is warm when the timed ones come.
 *
 * @param source the source's label
 * @param ratePerSecond writes per second planned
 * @param written timed records written
 * @param writeSeconds from the first write planned to the last one answered
 * @param finished every record was done before the deadline
 * @param latency write sent to record done, for the timed records done
 * @param fromAnswer write answered (the record in the stream) to record done: the mapping's part
 * @param writes write sent to write answered: the source's part
 * @param storeBusy the share of the phase's time the source's store thread was busy, or -1 where it has none:
 *     near 1, writes and reads queue behind each other in the source itself
 * @param delivery each record, the untimed ones too, done once and in order
 * @param idlePoll how long a reader waits after an empty read: the bound of how long a record may wait to be read
 */
record LatencyRun(String source, MappingShape shape, int ratePerSecond, int written, double writeSeconds,
    boolean finished, LatencySummary latency, LatencySummary fromAnswer, LatencySummary writes,
    double storeBusy, DeliveryCheck delivery, Duration idlePoll) {

  static final int WARM_UP_RECORDS = 20;

  static LatencyRun measure(MappingStarter starter, BenchStream stream, MappingShape shape, int ratePerSecond,
      Duration writing, Duration deadline) throws InterruptedException {
    StreamBackend backend = stream.backend();
    RunObserver observer = new RunObserver(backend::idOf);
    int timed = (int) Math.max(1, ratePerSecond * writing.toMillis() / 1000);
    List<String> ids = new ArrayList<>();
    Map<String, Long> writeNanos = new ConcurrentHashMap<>();
    Map<String, Long> answerNanos = new ConcurrentHashMap<>();
    boolean finished;
    double writeSeconds;
    double storeBusy;
    try (StreamMapping mapping = starter.start(stream, shape, observer)) {
      for (int i = 0; i < WARM_UP_RECORDS; i++) {
        ids.add(backend.writeOne(stream.name(), i));
      }
      if (!observer.awaitDone(WARM_UP_RECORDS, deadline)) {
        throw new IllegalStateException("the latency phase's " + WARM_UP_RECORDS + " warm-up records of "
            + backend.kind().samType() + " were not done in " + deadline.toSeconds() + " s");
      }
      long storeBefore = backend.storeCpuNanos();
      long start = System.nanoTime();
      writeSteadily(backend, stream.name(), timed, ratePerSecond, writeNanos, answerNanos);
      writeSeconds = (System.nanoTime() - start) / 1e9;
      ids.addAll(writeNanos.keySet());
      finished = observer.awaitDone(WARM_UP_RECORDS + timed, deadline);
      long storeAfter = backend.storeCpuNanos();
      storeBusy = storeBefore < 0 || storeAfter < 0 ? -1
          : (storeAfter - storeBefore) / (double) (System.nanoTime() - start);
    }
    List<RunObserver.Done> done = observer.done();
    long[] latencies = done.stream().filter(d -> writeNanos.containsKey(d.id()))
        .mapToLong(d -> Math.max(0, d.doneNanos() - writeNanos.get(d.id()))).toArray();
    long[] fromAnswer = done.stream().filter(d -> writeNanos.containsKey(d.id()))
        .mapToLong(d -> Math.max(0, d.doneNanos() - writeNanos.get(d.id()) - answerNanos.get(d.id()))).toArray();
    return new LatencyRun(backend.kind().samType(), shape, ratePerSecond, timed, writeSeconds, finished,
        LatencySummary.of(latencies), LatencySummary.of(fromAnswer),
        LatencySummary.of(answerNanos.values().stream().mapToLong(Long::longValue).toArray()), storeBusy,
        DeliveryCheck.of(ids, done), StreamMapping.DEFAULT_IDLE_POLL);
  }

  /**
   * Sends write i at start + i / rate, each on a thread of its own; returns when every write was answered, with each
   * record's send instant and how long its write took by id.
   */
  private static void writeSteadily(StreamBackend backend, String name, int records, int ratePerSecond,
      Map<String, Long> writeNanos, Map<String, Long> answerNanos) throws InterruptedException {
    long start = System.nanoTime();
    List<Integer> numbers = IntStream.range(WARM_UP_RECORDS, WARM_UP_RECORDS + records).boxed().toList();
    AllAtOnce.run("a write of the latency phase", numbers, number -> {
      long planned = start + (number - WARM_UP_RECORDS) * 1_000_000_000L / ratePerSecond;
      for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      String id = backend.writeOne(name, number);
      answerNanos.put(id, System.nanoTime() - sent);
      writeNanos.put(id, sent);
      return null;
    });
  }
}
