package dev.lambdaloom.core;

/**
 * A setting that could not be read as what it must be. Thrown before any work starts, so an invocation with a
 * setting it cannot parse does nothing at all.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private final String setting;

  public InvalidSettingException(String setting, String message) {
    super(message);
    this.setting = setting;
  }

  /** The event key or environment variable at fault. */
  public String setting() {
    return setting;
  }
}
