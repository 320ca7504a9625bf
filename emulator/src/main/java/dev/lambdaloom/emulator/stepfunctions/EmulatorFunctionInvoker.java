package dev.lambdaloom.emulator.stepfunctions;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LambdaServiceException;

/** A Task's invocation on the local emulator, through its Invoke API: throttles and all. */
public record EmulatorFunctionInvoker(Emulator emulator) implements FunctionInvoker {
  @Override
  public InvokeOutcome invoke(String function, byte[] payload) throws InterruptedException {
    try {
      InvokeResult result = emulator.invoke(function, payload);
      return result.failed() ? new InvokeOutcome.FunctionFailed(result.errorType(), result.payloadText())
          : new InvokeOutcome.Returned(result.payload());
    } catch (LambdaServiceException e) {
      return new InvokeOutcome.ServiceFailed(e.type(), e.getMessage());
    }
  }
}
