package dev.lambdaloom.runtimeloop;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The handler's Context for one invocation, from the event's headers and the environment Lambda sets. */
final class LoopContext implements Context {
  private static final LambdaLogger LOGGER = new LambdaLogger() {
    @Override
    public void log(String message) {
      System.out.print(message);
      System.out.flush();
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  private final NextInvocation invocation;
  private final Map<String, String> environment;

  LoopContext(NextInvocation invocation, Map<String, String> environment) {
    this.invocation = invocation;
    this.environment = environment;
  }

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return environment.get("AWS_LAMBDA_LOG_GROUP_NAME");
  }

  @Override
  public String getLogStreamName() {
    return environment.get("AWS_LAMBDA_LOG_STREAM_NAME");
  }

  @Override
  public String getFunctionName() {
    return environment.get("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Override
  public String getFunctionVersion() {
    return environment.get("AWS_LAMBDA_FUNCTION_VERSION");
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.functionArn();
  }

  /** Not decoded: no function here reads them, and decoding would load a JSON parser for every event. */
  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, invocation.deadlineMs() - System.currentTimeMillis()));
  }

  @Override
  public int getMemoryLimitInMB() {
    return Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
  }

  @Override
  public LambdaLogger getLogger() {
    return LOGGER;
  }
}
