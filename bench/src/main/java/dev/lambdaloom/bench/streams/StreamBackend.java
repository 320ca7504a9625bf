package dev.lambdaloom.bench.streams;

import dev.lambdaloom.emulator.events.ShardRecord;
import dev.lambdaloom.emulator.events.ShardSource;
import dev.lambdaloom.emulator.events.SourceKind;
import java.util.List;

/**
 * A local server holding streams for the benchmark: creates them, writes records as a producer would, and names each
 * record the same way on the writer's side and on the mapping's side, so records can be matched one by one. Writes
 * come from one thread at a time per stream, except {@link #writeOne}, which may be called from many.
 */
sealed interface StreamBackend extends AutoCloseable permits KinesisBackend, DynamoDbBackend {
  SourceKind kind();

  /** The server and how its streams are made, for the report. */
  String describe();

  /** The most records one GetRecords returns from this source. */
  int maxRecordsPerRead();

  /** Creates an empty stream (Kinesis) or a table with a stream (DynamoDB), returns its ARN as a template gives it. */
  String create(String name);

  /** A reader of the stream {@link #create} made, as the emulator's mappings read it. */
  ShardSource source(String name, String arn);

  /**
   * Writes {@code records} records over {@code keys} partition keys, each key's records one after another in the
   * stream (version 1, 2, ...), and returns their ids in write order.
   */
  List<String> writeRecords(String name, int records, int keys);

  /** Writes one record of a key of its own, returns its id once the source has it. */
  String writeOne(String name, int number);

  /** The id of a record read from the stream: the one {@link #writeRecords} or {@link #writeOne} returned for it. */
  String idOf(ShardRecord record);

  /**
   * CPU time the server's store has used so far, where one thread does all its work and that can be read (DynamoDB
   * Local's SQLite queue: writes and stream reads wait their turn on it); -1 where there is no such thread.
   */
  long storeCpuNanos();

  @Override
  void close();
}
