package dev.lambdaloom.emulator.stepfunctions;

/** Invokes a function synchronously for a Task. */
@FunctionalInterface
public interface FunctionInvoker {
  InvokeOutcome invoke(String function, byte[] payload) throws InterruptedException;
}
