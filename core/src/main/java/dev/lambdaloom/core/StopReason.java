package dev.lambdaloom.core;

/** Why a {@link FanOut} or {@link Pipeline} run ended. */
public enum StopReason {
  /** Every input was processed (successfully or not) without being cut short. */
  COMPLETED,
  /** A deadline stopped dispatching or producing, or interrupted running tasks. */
  DEADLINE,
  /** A failure stopped the run: fail-fast fan-out, or a failing pipeline producer or consumer. */
  FAILURE
}
