package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a stream mapping describes the records it gave up (DestinationConfig OnFailure): an SQS queue gets the
 * invocation record, an S3 bucket gets it with the batch itself as {@code payload}, as Lambda does.
 */
sealed interface FailureDestination permits S3FailureDestination, SqsFailureDestination {
  /** The destination's ARN. */
  String arn();

  /** Stores one record; {@code payload} is the batch's event, which only an S3 destination keeps. */
  void send(FailedBatch batch, ObjectNode invocationRecord, ObjectNode payload);
}
