package dev.lambdaloom.emulator.stepfunctions;

import java.util.List;

/**
 * A Retry's or Catch's ErrorEquals: error names, or the wildcards. {@code States.ALL} matches every error but
 * {@code States.Runtime} (Step Functions does not let a retrier or catcher hide a broken definition or input);
 * {@code States.TaskFailed} matches every error but {@code States.Timeout} and {@code States.Runtime}.
 */
record ErrorNames(List<String> names) {
  static final String ALL = "States.ALL";
  static final String TASK_FAILED = "States.TaskFailed";
  static final String RUNTIME = "States.Runtime";
  static final String TIMEOUT = "States.Timeout";
  static final String TOLERATED_FAILURES_EXCEEDED = "States.ExceedToleratedFailureThreshold";
  static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

  ErrorNames {
    names = List.copyOf(names);
  }

  boolean matches(String error) {
    if (error.equals(RUNTIME)) {
      return names.contains(RUNTIME);
    }
    for (String name : names) {
      if (name.equals(error) || name.equals(ALL) || name.equals(TASK_FAILED) && !error.equals(TIMEOUT)) {
        return true;
      }
    }
    return false;
  }
}
