package dev.lambdaloom.functions.audit;

import dev.lambdaloom.core.batch.RecordHandler;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies one record: a removal is archived to S3 first, then every change gets its audit item. Both writes are
 * idempotent (a fixed S3 key, a conditional put), so a record delivered again after a failure between them, or after
 * both, ends the same way. One per invocation; thread-safe (the counters are atomic, the clients are).
 */
final class ChangeAuditor implements RecordHandler<DeliveredRecord> {
  private final AuditTable audit;
  private final RemovalArchive archive;
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger alreadyWritten = new AtomicInteger();
  private final AtomicInteger archived = new AtomicInteger();

  ChangeAuditor(AuditTable audit, RemovalArchive archive) {
    this.audit = audit;
    this.archive = archive;
  }

  @Override
  public void apply(DeliveredRecord record) throws BadRecordException {
    switch (record) {
      case Unreadable unreadable -> throw new BadRecordException(unreadable.reason());
      case Change change -> {
        Optional<String> archivedTo = switch (change.kind()) {
          case REMOVE -> Optional.of(archive.archive(change));
          case INSERT, MODIFY -> Optional.empty();
        };
        archivedTo.ifPresent(uri -> archived.incrementAndGet());
        switch (audit.write(change, archivedTo)) {
          case AuditWrite.Written w -> written.incrementAndGet();
          case AuditWrite.AlreadyWritten a -> alreadyWritten.incrementAndGet();
        }
      }
    }
  }

  String summary() {
    return written.get() + " audit items written, " + alreadyWritten.get() + " already there, " + archived.get()
        + " removals archived";
  }
}
