package dev.lambdaloom.runtimes.al2023;

import java.nio.file.Path;

/** How a training run ended. */
sealed interface TrainingOutcome {
  /** The JVM wrote its AOT configuration. */
  record Recorded(Path configuration) implements TrainingOutcome {}

  /** No configuration: why, in words, with the function's last log lines. */
  record Failed(String reason) implements TrainingOutcome {}
}
