package dev.lambdaloom.services.iot;

/** What a reading's document is: valid (with its value count and exact sum) or malformed. */
public sealed interface Document {

  /** A well-formed document; {@code valueSum} is the exact sum of its values. */
  record Valid(int valueCount, long valueSum) implements Document {}

  /** A broken document, the same on every attempt. */
  record Malformed(Malformation kind) implements Document {}
}
