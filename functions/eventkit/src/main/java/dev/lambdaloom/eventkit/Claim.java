package dev.lambdaloom.eventkit;

/** What {@link IdempotencyStore#claim} found for a key. */
public sealed interface Claim {
  /** The key is this caller's to apply: nobody had it, its completion expired, or its holder's claim went stale. */
  record Acquired() implements Claim {}

  /** Applied before, and the completion is still kept: a redelivery, to be skipped. */
  record AlreadyCompleted() implements Claim {}

  /** Another invocation claimed it and its claim has not gone stale: neither applied nor free yet. */
  record InProgressElsewhere() implements Claim {}
}
