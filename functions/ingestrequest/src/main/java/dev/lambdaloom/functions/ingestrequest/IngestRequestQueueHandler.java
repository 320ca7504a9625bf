package dev.lambdaloom.functions.ingestrequest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest requests from a queue (ReportBatchItemFailures): each message starts one ingest run named by its messageId,
 * once however often it is delivered (see {@link IngestStarter});
 * the messages that could not start one are reported, so that only they come back, and after the queue's
 * maxReceiveCount they wait in its dead-letter queue, nothing lost.
 */
public class IngestRequestQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final IngestStarter starter;

  public IngestRequestQueueHandler() {
    this(IngestRequestContainer.starter());
  }

  IngestRequestQueueHandler(IngestStarter starter) {
    this.starter = starter;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    if (event == null || event.getRecords() == null) {
      throw new IllegalArgumentException("not an SQS event: no Records (this function takes the batches of its SQS queue;"
          + " ./lambdaloom event sqs writes one)");
    }
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        starter.start(message.getBody(), message.getMessageId());
      } catch (RuntimeException e) {
        if (context != null) {
          context.getLogger().log("message " + message.getMessageId() + " did not start a run: " + e + "\n");
        }
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
