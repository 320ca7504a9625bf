package dev.lambdaloom.functions.ingest;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Context Lambda hands a handler, for calling one directly: a request id (a retried invocation keeps its own) and
 * the time left until a timeout counted from when this context was made.
 */
record InvocationContext(String requestId, long endNanos) implements Context {
  static InvocationContext of(String requestId, Duration timeout) {
    return new InvocationContext(requestId, System.nanoTime() + timeout.toNanos());
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/IngestFunction";
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return "IngestFunction";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1769;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
