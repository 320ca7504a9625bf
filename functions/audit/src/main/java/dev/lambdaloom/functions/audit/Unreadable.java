package dev.lambdaloom.functions.audit;

/**
 * A record that cannot be audited as delivered; applying it throws {@link BadRecordException} with {@code reason}.
 *
 * @param orderingKey its item's canonical key when that could be read (its item's later records then wait for it, as
 *     Lambda delivers them again from it), else a key of its own
 */
record Unreadable(String itemId, String orderingKey, String reason) implements DeliveredRecord {}
