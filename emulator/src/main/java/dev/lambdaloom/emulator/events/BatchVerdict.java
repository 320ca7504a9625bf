package dev.lambdaloom.emulator.events;

/** What an invocation of a stream batch means for the mapping: the batch is done, or it failed from a record on. */
sealed interface BatchVerdict {
  /** Every record succeeded: checkpoint past the batch. */
  record Done() implements BatchVerdict {}

  /**
   * The records from {@code index} on failed (the ones before it succeeded and are checkpointed).
   *
   * @param reason why, for the log and the failure record
   * @param functionError the function failed as a whole (an error, a timeout, a crash), rather than reporting items
   */
  record FailedFrom(int index, String reason, boolean functionError) implements BatchVerdict {}
}
