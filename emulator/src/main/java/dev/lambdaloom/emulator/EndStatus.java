package dev.lambdaloom.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an invocation ended as the REPORT line tells it. Lambda adds {@code Status: timeout} or {@code Status: error}
 * only when the platform ended the invocation itself; when the runtime answered (a response or a function error)
 * the line has no status.
 */
public enum EndStatus {
  /** The runtime posted a response or an error: no Status field. */
  ANSWERED(null),
  /** The function ran out of time and its environment was stopped. */
  TIMEOUT("timeout"),
  /** The platform ended it: the runtime exited, ran out of memory, or never got to run the event. */
  ERROR("error");

  private final String label;

  EndStatus(String label) {
    this.label = label;
  }

  /** The REPORT line's {@code Status:} value; empty for {@link #ANSWERED}. */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  /** The status a REPORT line's {@code Status:} value names; ANSWERED for a line without one. */
  static EndStatus ofLabel(String label) {
    if (label == null) {
      return ANSWERED;
    }
    return Arrays.stream(values()).filter(s -> label.equals(s.label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a REPORT status: " + label));
  }
}
