package dev.lambdaloom.functions.audit;

/** What writing one change's audit item did. */
sealed interface AuditWrite {
  /** The item is new. */
  record Written() implements AuditWrite {}

  /** An item for this change was there already: the record was applied by an earlier delivery. */
  record AlreadyWritten() implements AuditWrite {}
}
