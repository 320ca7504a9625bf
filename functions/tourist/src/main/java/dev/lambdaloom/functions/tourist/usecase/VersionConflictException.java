package dev.lambdaloom.functions.tourist.usecase;

/** The client's copy is stale: the tourist changed since the version it read (If-Match). */
public final class VersionConflictException extends RuntimeException {
  private final long currentVersion;

  public VersionConflictException(long expected, long currentVersion) {
    super("the tourist is at version " + currentVersion + ", not " + expected, null, false, false);
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
