package dev.lambdaloom.emulator;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of Lambda's REPORT line for one invocation.
 *
 * @param requestId the invocation's request id
 * @param durationMs from the event's delivery to the runtime's response
 * @param billedDurationMs what Lambda charges: duration plus, on a cold start, init, rounded up to 1 ms
 * @param memorySizeMb the function's MemorySize
 * @param maxMemoryUsedMb the container's peak resident memory so far
 * @param initDurationMs init phase of a cold start, or null when warm
 * @param status ANSWERED when the runtime answered; TIMEOUT or ERROR when the platform ended it
 * @param errorType with status ERROR, what went wrong (Runtime.ExitError, Runtime.OutOfMemory...); else null
 */
public record Report(String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
    long maxMemoryUsedMb, Double initDurationMs, EndStatus status, String errorType) {

  public Report {
    Objects.requireNonNull(status, "status");
    if (status != EndStatus.ERROR && errorType != null) {
      throw new IllegalArgumentException("only an ERROR status names an error type, not " + status);
    }
  }

  static Report of(String requestId, long durationNanos, Long initNanos, int memorySizeMb,
      long peakResidentBytes, EndStatus status, String errorType) {
    // Kept at the 0.01 ms the line shows, so a Report and its line say the same thing.
    double duration = Math.round(durationNanos / 1e4) / 100.0;
    Double init = initNanos == null ? null : Math.round(initNanos / 1e4) / 100.0;
    // Since August 2025 Lambda bills the init phase of managed runtimes too.
    long billed = (long) Math.ceil(duration + (init == null ? 0 : init));
    long usedMb = Math.min(memorySizeMb, Math.round(peakResidentBytes / (1024.0 * 1024.0)));
    if ("Runtime.OutOfMemory".equals(errorType)) {
      usedMb = memorySizeMb;
    }
    return new Report(requestId, duration, Math.max(1, billed), memorySizeMb, usedMb, init, status, errorType);
  }

  /**
   * Reads a REPORT line back, as written by {@link #line()} or by Lambda in CloudWatch; empty when
   * the line is not a REPORT line.
   */
  public static Optional<Report> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    return Optional.of(new Report(m.group("id"), Double.parseDouble(m.group("duration")),
        Long.parseLong(m.group("billed")), Integer.parseInt(m.group("memory")), Long.parseLong(m.group("used")),
        m.group("init") == null ? null : Double.parseDouble(m.group("init")), EndStatus.ofLabel(m.group("status")),
        m.group("type")));
  }

  private static final Pattern LINE = Pattern.compile("REPORT RequestId: (?<id>\\S+)\tDuration: (?<duration>[\\d.]+) ms"
      + "\tBilled Duration: (?<billed>\\d+) ms\tMemory Size: (?<memory>\\d+) MB\tMax Memory Used: (?<used>\\d+) MB"
      + "(?:\tInit Duration: (?<init>[\\d.]+) ms)?(?:\tStatus: (?<status>\\w+)(?:\tError Type: (?<type>\\S+))?)?");

  public boolean coldStart() {
    return initDurationMs != null;
  }

  /** The line exactly as Lambda writes it to CloudWatch, tab-separated with a trailing tab. */
  public String line() {
    StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
        .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
        .append("\tBilled Duration: ").append(billedDurationMs).append(" ms")
        .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
        .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB");
    if (initDurationMs != null) {
      line.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initDurationMs)).append(" ms");
    }
    status.label().ifPresent(label -> {
      line.append("\tStatus: ").append(label);
      if (errorType != null) {
        line.append("\tError Type: ").append(errorType);
      }
    });
    return line.append('\t').toString();
  }
}
