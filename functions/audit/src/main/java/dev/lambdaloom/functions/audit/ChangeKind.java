package dev.lambdaloom.functions.audit;

/** The stream's eventName: what happened to the item. */
enum ChangeKind {
  INSERT,
  MODIFY,
  REMOVE;

  static ChangeKind parse(String eventName) throws BadRecordException {
    if (eventName == null) throw new BadRecordException("no eventName");
    for (ChangeKind kind : values()) {
      if (kind.name().equals(eventName)) return kind;
    }
    throw new BadRecordException("eventName '" + Excerpt.of(eventName) + "' is not INSERT, MODIFY or REMOVE");
  }
}
