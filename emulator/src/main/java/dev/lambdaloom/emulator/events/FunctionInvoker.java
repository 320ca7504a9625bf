package dev.lambdaloom.emulator.events;

import dev.lambdaloom.emulator.InvokeResult;

/**
 * Invokes a function synchronously, as an event source mapping does (Lambda's pollers call Invoke with
 * RequestResponse). Implemented by the emulator; a refusal of the service (throttle, a payload too large) is a
 * {@link dev.lambdaloom.emulator.LambdaServiceException}, a failure of the function is an {@link InvokeResult} whose
 * {@code failed()} is true.
 */
@FunctionalInterface
public interface FunctionInvoker {
  InvokeResult invoke(String function, byte[] payload, InvocationCause cause) throws InterruptedException;
}
