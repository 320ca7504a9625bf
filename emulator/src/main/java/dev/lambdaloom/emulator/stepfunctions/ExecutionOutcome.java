package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** How an execution ended, with its history. */
public sealed interface ExecutionOutcome {
  ExecutionHistory history();

  record Succeeded(JsonNode output, ExecutionHistory history) implements ExecutionOutcome {}

  record Failed(String error, String cause, ExecutionHistory history) implements ExecutionOutcome {}
}
