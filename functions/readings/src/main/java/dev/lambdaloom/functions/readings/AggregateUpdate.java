package dev.lambdaloom.functions.readings;

/** What applying one reading to its device's aggregate did. */
sealed interface AggregateUpdate {
  /** The reading is now counted. */
  record Applied() implements AggregateUpdate {}

  /** The device's aggregate already holds this reading or a later one: an earlier delivery applied it. */
  record AlreadyApplied() implements AggregateUpdate {}
}
