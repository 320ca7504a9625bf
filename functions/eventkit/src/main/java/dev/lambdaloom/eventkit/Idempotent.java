package dev.lambdaloom.eventkit;

import dev.lambdaloom.core.batch.RecordHandler;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link RecordHandler} made idempotent with an {@link IdempotencyStore}: claim the record's key, apply it,
 * complete the key. A record already completed is skipped (it counts as applied). A record claimed by a live
 * invocation elsewhere fails with {@link InProgressElsewhereException}, so that Lambda delivers it again later. If
 * applying fails, the claim is released before the failure is rethrown, so the redelivery applies it.
 *
 * <p>At least once, not exactly once, where the store cannot see: if completing the key fails after the record was
 * applied, the record fails and its claim stays until it goes stale; then a redelivery applies it again.
 */
public final class Idempotent {
  private Idempotent() {}

  /** {@code handler}, applied at most once per value of {@code key} while the store keeps its completion. */
  public static <R> RecordHandler<R> wrap(
      IdempotencyStore store, Function<? super R, String> key, RecordHandler<R> handler) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(handler, "handler");
    return record -> {
      String idempotencyKey = key.apply(record);
      switch (store.claim(idempotencyKey)) {
        case Claim.Acquired acquired -> {
          try {
            handler.apply(record);
          } catch (Throwable failure) {
            release(store, idempotencyKey, failure);
            throw failure;
          }
          store.complete(idempotencyKey);
        }
        case Claim.AlreadyCompleted completed -> {}
        case Claim.InProgressElsewhere elsewhere -> throw new InProgressElsewhereException(idempotencyKey);
      }
    };
  }

  /**
   * Releases the claim even on an interrupted thread (the SDK refuses to start a call on one, and a cancelled batch
   * interrupts its handlers), then restores the interrupt. A release that fails is kept with the failure; the claim
   * then blocks redeliveries until it goes stale.
   */
  private static void release(IdempotencyStore store, String key, Throwable failure) {
    boolean interrupted = Thread.interrupted();
    try {
      store.release(key);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }
}
