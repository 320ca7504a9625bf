package dev.lambdaloom.functions.audit;

import java.time.Instant;
import java.util.Optional;

/** A readable stream record: one change to one item. */
record Change(Origin origin, ChangeKind kind, ItemKey item, Images images) implements DeliveredRecord {
  /**
   * Where and when the change was recorded.
   *
   * @param table the table the stream belongs to (from the record's eventSourceARN)
   */
  record Origin(String table, StreamSequence sequence, Optional<String> eventId, Optional<Instant> approximateCreation) {}

  /** @param json the key attributes as a plain JSON object */
  record ItemKey(CanonicalKey canonical, String json) {}

  /**
   * The item before and after the change, each a plain JSON object: {@code before} is always there for a
   * {@link ChangeKind#REMOVE}; what else is there depends on the stream's view type.
   */
  record Images(Optional<String> before, Optional<String> after) {}

  @Override
  public String itemId() {
    return origin.sequence().digits();
  }

  @Override
  public String orderingKey() {
    return origin.table() + "/" + item.canonical().text();
  }
}
