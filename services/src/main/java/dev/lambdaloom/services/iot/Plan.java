package dev.lambdaloom.services.iot;

/** The seeded decisions for one reading; {@code malformation} null for a valid document. */
record Plan(ReadingId id, Fault fault, int failingAttempts, Malformation malformation) {

  /** True when attempt number {@code attempt} (from 1) gets the fault. */
  boolean faults(int attempt) {
    return fault != null && attempt <= failingAttempts;
  }
}
