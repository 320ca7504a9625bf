package dev.lambdaloom.emulator.events;

/**
 * One event source mapping the emulator runs: it reads a source (a stream's shards, a queue, a topic's deliveries)
 * and invokes its function with batches, with the semantics Lambda documents for that source. {@link #start()}
 * starts its threads; {@link #close()} stops reading, lets the batch in flight finish and joins every thread.
 */
public interface EventSourceMapping extends AutoCloseable {
  /** What the template asked for, with the mapping's id. */
  MappingConfig config();

  /** A snapshot of where the mapping is and what it has done: what ListEventSourceMappings and `serve` show. */
  MappingStatus status();

  void start();

  @Override
  void close();
}
