package dev.lambdaloom.functions.audit;

/**
 * One record of a delivered batch, read before anything is written: a {@link Change} to audit, or an
 * {@link Unreadable} one that fails on its own with the reason.
 */
sealed interface DeliveredRecord permits Change, Unreadable {
  /** What the partial batch response names it by: the sequence number as delivered. */
  String itemId();

  /** Records of one ordering key are applied in order, one at a time: for a change, its table and item key. */
  String orderingKey();
}
