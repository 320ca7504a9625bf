package dev.lambdaloom.functions.audit;

/**
 * A record that cannot be audited as delivered; applying it throws {@link BadRecordException} with {@code reason}.
 * Its bytes never change, so it would fail on every delivery: it has an ordering key of its own and never holds back
 * the later records of its item, which are applied now instead of waiting behind it until Lambda gives up on it.
 */
record Unreadable(String itemId, String reason) implements DeliveredRecord {
  @Override
  public String orderingKey() {
    return "unreadable/" + itemId;
  }
}
