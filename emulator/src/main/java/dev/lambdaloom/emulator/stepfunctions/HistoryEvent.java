package dev.lambdaloom.emulator.stepfunctions;

import java.time.Instant;

/**
 * One entry of an execution's history.
 *
 * @param id its place in the history, from 1
 * @param state the state it concerns, {@code Map[3]/Inner} inside a Map's iteration 3; empty for the execution's
 * @param detail what happened, in words (a function, an error and its cause, a delay)
 */
public record HistoryEvent(long id, Instant time, HistoryEventType type, String state, String detail) {
  @Override
  public String toString() {
    return id + " " + type + (state.isEmpty() ? "" : " " + state) + (detail.isEmpty() ? "" : ": " + detail);
  }
}
