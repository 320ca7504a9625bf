package dev.lambdaloom.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a synchronous invocation returns: the payload the caller gets at once, and the invocation's
 * log (START..REPORT), complete when the runtime is back waiting for work, a moment later.
 *
 * @param requestId the invocation's request id
 * @param payload the function's response, or Lambda's error document
 * @param functionError "Unhandled" when the invocation failed (X-Amz-Function-Error), else null
 * @param errorType the errorType of a failure, else null
 * @param coldStart whether this invocation started a new container
 * @param log the log lines and REPORT figures
 */
public record InvokeResult(String requestId, byte[] payload, String functionError, String errorType,
    boolean coldStart, CompletableFuture<InvocationLog> log) {

  public boolean failed() {
    return functionError != null;
  }

  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** The log, waiting for it if needed. */
  public InvocationLog awaitLog() {
    return log.join();
  }

  /** One invocation's log lines, as they would appear in CloudWatch, and its REPORT figures. */
  public record InvocationLog(List<String> lines, Report report) {
    public InvocationLog {
      lines = List.copyOf(lines);
    }

    public String text() {
      return String.join("\n", lines) + "\n";
    }
  }
}
