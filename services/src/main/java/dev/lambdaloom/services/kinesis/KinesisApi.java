package dev.lambdaloom.services.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Kinesis's operations by the name in {@code X-Amz-Target: Kinesis_20131202.<Operation>}. */
final class KinesisApi {
  static final String TARGET_PREFIX = "Kinesis_20131202.";

  private final StreamOperations streams;
  private final WriteOperations writes;
  private final ReadOperations reads;

  KinesisApi(Streams streams) {
    this.streams = new StreamOperations(streams);
    this.writes = new WriteOperations(streams);
    this.reads = new ReadOperations(streams);
  }

  /** The answer document of {@code operation}, or the failure Kinesis would answer with. */
  ObjectNode answer(String operation, RequestFields request) throws KinesisFailure {
    return switch (operation) {
      case "CreateStream" -> streams.createStream(request);
      case "DeleteStream" -> streams.deleteStream(request);
      case "DescribeStream" -> streams.describeStream(request);
      case "DescribeStreamSummary" -> streams.describeStreamSummary(request);
      case "ListStreams" -> streams.listStreams(request);
      case "ListShards" -> streams.listShards(request);
      case "PutRecord" -> writes.putRecord(request);
      case "PutRecords" -> writes.putRecords(request);
      case "GetShardIterator" -> reads.getShardIterator(request);
      case "GetRecords" -> reads.getRecords(request);
      default -> throw new KinesisFailure(KinesisError.UNKNOWN_OPERATION, "KinesisLocal does not serve " + operation
          + "; it serves CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary, ListStreams, ListShards,"
          + " PutRecord, PutRecords, GetShardIterator and GetRecords");
    };
  }
}
