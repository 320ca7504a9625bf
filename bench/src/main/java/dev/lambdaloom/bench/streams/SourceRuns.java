package dev.lambdaloom.bench.streams;

import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

/**
 * Everything measured on one source.
 *
 * @param source the source's label
 * @param server the server and its streams, described
 * @param shards shards of the throughput stream
 * @param records records written for the throughput runs
 * @param writeSeconds how long writing them took
 * @param ceilings the read ceiling by records per GetRecords, in ascending order
 * @param runs a throughput run per BatchSize and ParallelizationFactor
 * @param latency the latency phase
 */
record SourceRuns(String source, String server, int shards, int records, double writeSeconds,
    Map<Integer, ReadCeiling> ceilings, List<ThroughputRun> runs, LatencyRun latency) {

  SourceRuns {
    ceilings = Collections.unmodifiableMap(new TreeMap<>(ceilings));
    runs = List.copyOf(runs);
  }

  /** The fastest the source reads, at any page size. */
  ReadCeiling bestCeiling() {
    return ceilings.values().stream().max(java.util.Comparator.comparingDouble(ReadCeiling::recordsPerSecond))
        .orElseThrow();
  }
}
