package dev.lambdaloom.functions.ingestrequest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;

/**
 * Ingest requests published to a topic: each SNS message starts one ingest run named by its MessageId, once however
 * often it is delivered (see {@link IngestStarter}). A failure is
 * thrown, so that Lambda's asynchronous retries (SNS invokes asynchronously) deliver the message again; a message
 * that is no ingest request fails the same way and ends in the function's on-failure destination or DLQ.
 */
public class IngestRequestHandler implements RequestHandler<SNSEvent, String> {
  private final IngestStarter starter;

  public IngestRequestHandler() {
    this(IngestRequestContainer.starter());
  }

  IngestRequestHandler(IngestStarter starter) {
    this.starter = starter;
  }

  @Override
  public String handleRequest(SNSEvent event, Context context) {
    int started = 0;
    int skipped = 0;
    if (event == null || event.getRecords() == null) {
      throw new IllegalArgumentException("not an SNS event: no Records (this function takes the events of its SNS subscription;"
          + " ./lambdaloom event sns writes one)");
    }
    for (SNSEvent.SNSRecord record : event.getRecords()) {
      switch (starter.start(record.getSNS().getMessage(), record.getSNS().getMessageId())) {
        case StartOutcome.Started run -> started++;
        case StartOutcome.AlreadyStarted before -> skipped++;
      }
    }
    return "started " + started + ", already started " + skipped;
  }
}
