package dev.lambdaloom.emulator.stepfunctions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** An execution's events, in the order they happened; Map iterations add theirs from several threads. */
public final class ExecutionHistory {
  private final Clock clock;
  private final List<HistoryEvent> events = new ArrayList<>();

  ExecutionHistory(Clock clock) {
    this.clock = clock;
  }

  synchronized void add(HistoryEventType type, String state, String detail) {
    events.add(new HistoryEvent(events.size() + 1, clock.instant(), type, state, detail == null ? "" : detail));
  }

  public synchronized List<HistoryEvent> events() {
    return List.copyOf(events);
  }

  /** How many events of {@code type} concern {@code state}. */
  public synchronized long count(HistoryEventType type, String state) {
    return events.stream().filter(e -> e.type() == type && e.state().equals(state)).count();
  }
}
