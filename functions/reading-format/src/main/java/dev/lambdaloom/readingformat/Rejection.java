package dev.lambdaloom.readingformat;

import java.util.Objects;

/**
 * A document that failed validation: the first problem found, in document order.
 *
 * @param reason what kind of problem, machine-readable through {@link RejectReason#code()}
 * @param detail what exactly, for people; quotes at most a short excerpt of the document
 * @param valueIndex the index in {@code values} of the offending element, or -1 when the problem is not about one value
 */
public record Rejection(RejectReason reason, String detail, int valueIndex) implements ParseResult {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (valueIndex < -1) throw new IllegalArgumentException("valueIndex < -1: " + valueIndex);
  }

  /** A rejection that is not about one value ({@code valueIndex} -1). */
  public static Rejection of(RejectReason reason, String detail) {
    return new Rejection(reason, detail, -1);
  }
}
