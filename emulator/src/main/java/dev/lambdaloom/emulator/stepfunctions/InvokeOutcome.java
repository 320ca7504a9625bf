package dev.lambdaloom.emulator.stepfunctions;

/** What invoking a function gave a Task. */
public sealed interface InvokeOutcome {
  /** The function answered: its response payload. */
  record Returned(byte[] payload) implements InvokeOutcome {}

  /** The function failed: its error document's errorType (null when it had none) and the document. */
  record FunctionFailed(String errorType, String errorDocument) implements InvokeOutcome {}

  /** Lambda refused or could not run the call (throttled, not found...): Step Functions names it Lambda.&lt;type&gt;. */
  record ServiceFailed(String type, String message) implements InvokeOutcome {}
}
