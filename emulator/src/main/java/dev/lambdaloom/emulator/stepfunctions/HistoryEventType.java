package dev.lambdaloom.emulator.stepfunctions;

/** What an execution's history records, as Step Functions' history names them (shortened). */
public enum HistoryEventType {
  EXECUTION_STARTED,
  STATE_ENTERED,
  STATE_EXITED,
  TASK_SCHEDULED,
  TASK_SUCCEEDED,
  TASK_FAILED,
  RETRY_SCHEDULED,
  ERROR_CAUGHT,
  MAP_ITERATION_FAILED,
  EXECUTION_SUCCEEDED,
  EXECUTION_FAILED
}
