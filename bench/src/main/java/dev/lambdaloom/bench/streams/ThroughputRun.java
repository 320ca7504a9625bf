package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.StreamMapping;
import java.time.Duration;
import java.util.List;

/**
 * One mapping reading a stream of records written beforehand, from TRIM_HORIZON until every record is done (or the
 * deadline): records per second from its start to the last record done.
 *
 * @param source the source's label
 * @param shards shards the mapping read
 * @param finished every record was done before the deadline
 * @param seconds from the mapping's start to its last record done (to the deadline when unfinished)
 * @param ceiling the source's read ceiling at the mapping's records per GetRecords: the fastest pass of the whole
 *     benchmark at that page size
 * @param costs what its batches cost
 * @param delivery each record done once, in order per key
 */
record ThroughputRun(String source, MappingShape shape, int shards, boolean finished, long done, double seconds,
    ReadCeiling ceiling, BatchCosts costs, DeliveryCheck delivery) {

  ThroughputRun withCeiling(ReadCeiling fastest) {
    return new ThroughputRun(source, shape, shards, finished, done, seconds, fastest, costs, delivery);
  }

  double recordsPerSecond() {
    return done / seconds;
  }

  double shareOfCeiling() {
    return recordsPerSecond() / ceiling.recordsPerSecond();
  }

  int lanes() {
    return shards * shape.parallelizationFactor();
  }

  /** The lanes' share of the run spent on a batch (gathered to returned), over all lanes. */
  double lanesBusy() {
    return costs.busySeconds() / (lanes() * seconds);
  }

  static ThroughputRun measure(MappingStarter starter, BenchStream stream, MappingShape shape, List<String> written,
      ReadCeiling ceiling, Duration deadline) throws InterruptedException {
    RunObserver observer = new RunObserver(stream.backend()::idOf);
    int shards = stream.source().shardIds().size();
    long start = System.nanoTime();
    boolean finished;
    try (StreamMapping mapping = starter.start(stream, shape, observer)) {
      finished = observer.awaitDone(written.size(), deadline);
    }
    long end = finished ? observer.lastDoneNanos() : start + deadline.toNanos();
    return new ThroughputRun(stream.backend().kind().samType(), shape, shards, finished, observer.doneCount(),
        (end - start) / 1e9, ceiling, BatchCosts.of(observer.invocations()),
        DeliveryCheck.of(written, observer.done()));
  }
}
