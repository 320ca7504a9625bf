package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines Lambda writes around a function's own output for one function: INIT_START and INIT_REPORT for an
 * init, then START, the function's lines, END and REPORT for each invocation; each invocation's batch goes to the
 * emulator's {@link LogSink} once it is complete. Stateless apart from its configuration; safe to share.
 */
final class InvocationLogs {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final FunctionConfig config;
  private final String region;
  private final LogSink sink;

  InvocationLogs(FunctionConfig config, String region, LogSink sink) {
    this.config = config;
    this.region = region;
    this.sink = sink;
  }

  String initStart() {
    String runtime = config.runtime().replaceFirst("^([a-z]+)\\.?", "$1:");
    return "INIT_START Runtime Version: " + runtime + ".lambdaloom\tRuntime Version ARN: arn:aws:lambda:"
        + region + "::runtime:lambdaloom";
  }

  /** The INIT_REPORT of an init that did not end ready. */
  String initReport(long nanos, InitOutcome outcome) {
    return initReport(nanos, switch (outcome) {
      case InitOutcome.TimedOut t -> "\tStatus: timeout";
      case InitOutcome.Exited e -> "\tStatus: error\tError Type: " + e.status().errorType();
      case InitOutcome.Failed f -> "\tStatus: error\tError Type: " + ErrorDocuments.errorType(f.errorType(), f.body());
      case InitOutcome.Ready r -> "";
    });
  }

  /** The INIT_REPORT of a runtime that could not even be started. */
  String initReportInvalidEntrypoint() {
    return initReport(0, "\tStatus: error\tError Type: Runtime.InvalidEntrypoint");
  }

  private static String initReport(long nanos, String status) {
    return String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init", nanos / 1e6) + status;
  }

  /**
   * Writes one invocation's lines and returns them with its REPORT.
   *
   * @param initLines what its cold start wrote (INIT_START, the init's output, INIT_REPORTs); empty when warm
   * @param output what the function wrote while it ran this event
   * @param initNanos the init phase billed with it, or null (warm, or a retried init inside the invocation)
   */
  InvokeResult.InvocationLog write(String requestId, List<String> initLines, List<String> output, Ending ending,
      long durationNanos, Long initNanos, long peakResidentBytes) {
    List<String> lines = new ArrayList<>(initLines);
    lines.add("START RequestId: " + requestId + " Version: $LATEST");
    lines.addAll(output);
    if (ending.status() == EndStatus.TIMEOUT) {
      lines.add(LOG_TIME.format(Instant.now()) + " " + requestId + " " + ErrorDocuments.timeoutMessage(config.timeout()));
    }
    lines.add("END RequestId: " + requestId);
    Report report = Report.of(requestId, durationNanos, initNanos, config.memoryMb(), peakResidentBytes,
        ending.status(), ending.reportedErrorType());
    lines.add(report.line());
    sink.accept(config.name(), lines);
    return new InvokeResult.InvocationLog(lines, report);
  }

  /** A failure of the platform itself for an invocation nobody waits on, with its stack trace, where its logs would be. */
  void platformFailure(String requestId, Exception failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    List<String> lines = new ArrayList<>();
    lines.add(LOG_TIME.format(Instant.now()) + " " + requestId + " Lambdaloom could not run the event: " + failure);
    trace.toString().lines().skip(1).forEach(lines::add);
    sink.accept(config.name(), lines);
  }
}
