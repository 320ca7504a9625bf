package dev.lambdaloom.emulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An SQS queue as a failure destination: the invocation record as the message body (no payload, as Lambda). */
record SqsFailureDestination(String arn, SqsClient sqs) implements FailureDestination {
  @Override
  public void send(FailedBatch batch, ObjectNode invocationRecord, ObjectNode payload) {
    String queueName = arn.substring(arn.lastIndexOf(':') + 1);
    String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody(Json.write(invocationRecord)));
  }
}
