package dev.lambdaloom.bench.streams;

/** The two settings the benchmark varies. */
record MappingShape(int batchSize, int parallelizationFactor) {
  MappingShape {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("BatchSize is 1 to 10,000 for streams, not " + batchSize);
    }
    if (parallelizationFactor < 1 || parallelizationFactor > 10) {
      throw new IllegalArgumentException("ParallelizationFactor is 1 to 10, not " + parallelizationFactor);
    }
  }

  /**
   * The Limit of each GetRecords the mapping's reader makes: BatchSize, at least 100, at most what the source gives
   * (as the emulator's ShardConsumer reads).
   */
  int recordsPerRead(int sourceMaximum) {
    return Math.min(Math.max(batchSize, 100), sourceMaximum);
  }
}
