package dev.lambdaloom.bench;

import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.Report;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the REPORT of every invocation by request id, the way one would read them from CloudWatch;
 * optionally passes every line on to another sink (a terminal) too.
 */
public final class ReportCollector implements LogSink {
  private final Map<String, Report> reports = new ConcurrentHashMap<>();
  private final LogSink next;
  private volatile boolean forwarding = true;

  public ReportCollector() {
    this(LogSink.discard());
  }

  /** Collects, and also hands every batch to {@code next} until {@link #mute()}. */
  public ReportCollector(LogSink next) {
    this.next = next;
  }

  /** Stops passing lines on (e.g. during a load that would flood a terminal); still collects. */
  public void mute() {
    forwarding = false;
  }

  @Override
  public void accept(String function, List<String> lines) {
    if (forwarding) {
      next.accept(function, lines);
    }
    for (String line : lines) {
      Report.parse(line).ifPresent(report -> {
        reports.put(report.requestId(), report);
        synchronized (this) {
          notifyAll();
        }
      });
    }
  }

  /** The REPORT of {@code requestId} (taken out), waiting up to {@code timeout} for the runtime to settle. */
  public synchronized Report await(String requestId, Duration timeout) throws InterruptedException {
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
