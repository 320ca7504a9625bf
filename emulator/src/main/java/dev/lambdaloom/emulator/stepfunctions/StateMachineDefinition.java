package dev.lambdaloom.emulator.stepfunctions;

import java.util.Collections;
import java.util.LinkedHashMap;

/** A States Language document (or a Map's ItemProcessor): where it starts, and its states by name, in written order. */
record StateMachineDefinition(String startAt, java.util.Map<String, State> states) {
  StateMachineDefinition {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  State state(String name) {
    return states.get(name);
  }
}
