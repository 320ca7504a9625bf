package dev.lambdaloom.emulator.trace;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * An invocation's place in an X-Ray trace, as Lambda hands it to the runtime in {@code Lambda-Runtime-Trace-Id}:
 * the trace's Root, the invocation's own segment id (Parent), and the segment that called it, when the caller said
 * so in {@code X-Amzn-Trace-Id}. Inside the function the runtime interface client puts the header in the system
 * property {@code com.amazonaws.xray.traceHeader}, which the AWS SDK's TraceIdExecutionInterceptor copies onto the
 * function's outgoing calls: a call to another function through the Invoke API carries this invocation's Parent, and
 * that is how the callee's {@link #callerParent()} names its caller exactly.
 *
 * @param root {@code 1-<epoch seconds, 8 hex>-<24 hex>}
 * @param parent this invocation's segment id, 16 hex
 * @param callerParent the calling segment's id (16 hex), or empty
 * @param sampled the Sampled flag, passed on as the caller gave it (0 when it gave none)
 */
public record TraceContext(String root, String parent, Optional<String> callerParent, boolean sampled) {
  private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
  private static final Pattern SEGMENT = Pattern.compile("[0-9a-f]{16}");
  private static final HexFormat HEX = HexFormat.of();

  public TraceContext {
    if (!ROOT.matcher(root).matches()) {
      throw new IllegalArgumentException("not an X-Ray trace root: " + root);
    }
    if (!SEGMENT.matcher(parent).matches()) {
      throw new IllegalArgumentException("not an X-Ray segment id: " + parent);
    }
    callerParent.filter(p -> !SEGMENT.matcher(p).matches()).ifPresent(p -> {
      throw new IllegalArgumentException("not an X-Ray segment id: " + p);
    });
  }

  /** A new trace: what Lambda gives an invocation nobody traced. */
  public static TraceContext fresh(Instant now) {
    byte[] random = new byte[12];
    ThreadLocalRandom.current().nextBytes(random);
    return new TraceContext("1-" + String.format("%08x", now.getEpochSecond()) + "-" + HEX.formatHex(random),
        newSegmentId(), Optional.empty(), false);
  }

  /**
   * The trace a caller's {@code X-Amzn-Trace-Id} continues: its Root, a new Parent for this invocation, the caller's
   * Parent as the caller. A header without a valid Root starts a fresh trace, as a missing one does.
   */
  public static TraceContext continuing(String header, Instant now) {
    String root = null;
    String caller = null;
    boolean sampled = false;
    for (String part : header.split(";")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = part.substring(0, equals).trim();
      String value = part.substring(equals + 1).trim().toLowerCase(java.util.Locale.ROOT);
      switch (key) {
        case "Root" -> root = ROOT.matcher(value).matches() ? value : null;
        case "Parent" -> caller = SEGMENT.matcher(value).matches() ? value : null;
        case "Sampled" -> sampled = value.equals("1");
        default -> { }
      }
    }
    if (root == null) {
      return fresh(now);
    }
    return new TraceContext(root, newSegmentId(), Optional.ofNullable(caller), sampled);
  }

  /** The next attempt of the same invocation: same trace, a segment of its own, called by this one. */
  public TraceContext nextAttempt() {
    return new TraceContext(root, newSegmentId(), Optional.of(parent), sampled);
  }

  /** {@code Root=...;Parent=...;Sampled=0|1}: the value of Lambda-Runtime-Trace-Id and X-Amzn-Trace-Id. */
  public String header() {
    return "Root=" + root + ";Parent=" + parent + ";Sampled=" + (sampled ? "1" : "0");
  }

  /** The trace id in W3C / OpenTelemetry form: the Root's 32 hex digits. */
  public static String w3cTraceId(String root) {
    return root.substring(2, 10) + root.substring(11);
  }

  private static String newSegmentId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0); // all zeros is not a valid span id
    return HEX.toHexDigits(id);
  }
}
