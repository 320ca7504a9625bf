package dev.lambdaloom.bench.emulator;

import dev.lambdaloom.local.emulator.LogSink;
import dev.lambdaloom.local.emulator.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the REPORT of every invocation by request id, the way one would read them from CloudWatch. */
final class ReportCollector implements LogSink {
  private final Map<String, Report> reports = new ConcurrentHashMap<>();

  @Override
  public void accept(String function, List<String> lines) {
    for (String line : lines) {
      Report.parse(line).ifPresent(report -> {
        reports.put(report.requestId(), report);
        synchronized (this) {
          notifyAll();
        }
      });
    }
  }

  /** The REPORT of {@code requestId}, waiting up to {@code timeout} for the runtime to settle. */
  synchronized Report await(String requestId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Report report;
    while ((report = reports.remove(requestId)) == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("no REPORT line for " + requestId + " within " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return report;
  }
}
