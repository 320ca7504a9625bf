package dev.lambdaloom.emulator.events;

import java.time.Instant;
import java.util.List;

/**
 * A stream read shard by shard, as Lambda's pollers read DynamoDB Streams and Kinesis: the emulator's side of each
 * source's API. Implementations are thread-safe: each shard is read by its own thread.
 */
public interface ShardSource extends AutoCloseable {
  /** The shards to read now (open ones and closed ones not yet read to their end), parents before children. */
  List<String> shardIds();

  /** An iterator at {@code position} ({@code timestamp} for AT_TIMESTAMP) in {@code shardId}. */
  String iteratorAt(String shardId, StartingPosition position, Instant timestamp);

  /** An iterator just after {@code sequenceNumber} in {@code shardId}: where a checkpoint resumes. */
  String iteratorAfter(String shardId, String sequenceNumber);

  /** Up to {@code limit} records of {@code shardId} from {@code iterator}. */
  ShardPage read(String shardId, String iterator, int limit);

  @Override
  void close();

  /**
   * @param records in shard order
   * @param nextIterator where to read next; null when the shard is closed and read to its end
   */
  record ShardPage(List<ShardRecord> records, String nextIterator) {
    public ShardPage {
      records = List.copyOf(records);
    }
  }
}
