package dev.lambdaloom.runtimes.loop;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The handler's {@link Context} for one invocation. The mobile SDKs' client context and Cognito identity are not
 * parsed (null): no Lambdaloom function reads them, and parsing them would load a JSON library on every start.
 */
record InvocationContext(Invocation invocation, FunctionEnvironment environment, LambdaLogger logger)
    implements Context {

  @Override
  public String getAwsRequestId() {
    return invocation.requestId();
  }

  @Override
  public String getLogGroupName() {
    return environment.logGroupName();
  }

  @Override
  public String getLogStreamName() {
    return environment.logStreamName();
  }

  @Override
  public String getFunctionName() {
    return environment.functionName();
  }

  @Override
  public String getFunctionVersion() {
    return environment.functionVersion();
  }

  @Override
  public String getInvokedFunctionArn() {
    return invocation.functionArn();
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
  public int getRemainingTimeInMillis() {
    long left = invocation.deadlineEpochMillis() - System.currentTimeMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return environment.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }

  @Override
  public String getXrayTraceId() {
    return invocation.traceId();
  }
}
