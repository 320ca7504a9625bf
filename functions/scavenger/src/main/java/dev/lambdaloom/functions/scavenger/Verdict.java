package dev.lambdaloom.functions.scavenger;

/** What the scavenger decided about one scanned item. */
sealed interface Verdict {
  /** Expired and completed: delete it, if unchanged. */
  record Delete(Candidate candidate) implements Verdict {}

  /** Completed but not old enough. */
  record Keep() implements Verdict {}

  /** Malformed: cannot be judged, so it stays; reported with why. */
  record Skip(String reason) implements Verdict {}
}
