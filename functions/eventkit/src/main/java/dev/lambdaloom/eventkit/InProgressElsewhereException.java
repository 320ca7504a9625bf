package dev.lambdaloom.eventkit;

/**
 * A record's idempotency key is claimed by another invocation that has neither finished nor gone stale. The record is
 * failed, not skipped, so that Lambda delivers it again: by then the other invocation has completed it (and it is
 * skipped) or released it (and it is applied).
 */
public final class InProgressElsewhereException extends Exception {
  private final String key;

  public InProgressElsewhereException(String key) {
    super("idempotency key \"" + key + "\" is being applied by another invocation");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
