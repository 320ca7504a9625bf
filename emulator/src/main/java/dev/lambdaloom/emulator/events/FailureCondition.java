package dev.lambdaloom.emulator.events;

/** Why a stream mapping gave up records (the failure record's {@code requestContext.condition}). */
enum FailureCondition {
  /** MaximumRetryAttempts retries failed. */
  RetryAttemptsExhausted,
  /** The records became older than MaximumRecordAgeInSeconds before they succeeded. */
  RecordAgeExceeded
}
