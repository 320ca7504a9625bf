package dev.lambdaloom.bench.s3probe;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The probe's client options as the benchmark runs them, and the template function whose zip carries each. The
 * labels are the event's {@code client} values.
 */
public enum ProbeClientChoice {
  SEQUENTIAL("sync", "S3ProbeFunction"),
  VIRTUAL_THREADS("virtual-threads", "S3ProbeFunction"),
  PLATFORM_THREADS("platform-threads", "S3ProbeFunction"),
  NETTY("netty", "S3ProbeNettyFunction"),
  CRT("crt", "S3ProbeCrtFunction");

  private final String label;
  private final String function;

  ProbeClientChoice(String label, String function) {
    this.label = label;
    this.function = function;
  }

  String label() {
    return label;
  }

  /** The template function (and so the zip) this option runs in. */
  String function() {
    return function;
  }

  boolean sequential() {
    return this == SEQUENTIAL;
  }

  /** The event's fields for a run at {@code concurrency} (the sequential loop has none). */
  String eventFields(int concurrency) {
    return sequential() ? "\"mode\":\"sequential\""
        : "\"mode\":\"concurrent\",\"client\":\"" + label + "\",\"concurrency\":" + concurrency;
  }

  public static ProbeClientChoice parse(String label) {
    return Arrays.stream(values()).filter(c -> c.label.equals(label.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown client '" + label + "'; one of " + labels()));
  }

  public static String labels() {
    return Arrays.stream(values()).map(ProbeClientChoice::label).collect(Collectors.joining(", "));
  }

  public static List<ProbeClientChoice> all() {
    return List.of(values());
  }
}
