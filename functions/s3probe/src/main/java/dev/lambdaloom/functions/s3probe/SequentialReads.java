package dev.lambdaloom.functions.s3probe;

import java.util.List;

/**
 * The baseline: one GET after the other, in listing order. The loop runs on one virtual thread (through
 * {@link VirtualThreadReads} at concurrency 1) rather than on the caller's: the run's deadline can then end a read
 * blocked in its socket, which an interrupt does on a virtual thread only. Starting one virtual thread per object
 * costs microseconds against a GET's milliseconds.
 */
final class SequentialReads {
  private SequentialReads() {}

  static void run(SyncObjects s3, List<ListedObject> objects, RunLimits limits, ProbeTally tally)
      throws InterruptedException {
    VirtualThreadReads.run(s3, objects, new RunLimits(1, limits.stopStartingAt(), limits.cutAt()), tally);
  }
}
