package dev.lambdaloom.emulator.stepfunctions;

/** A state machine definition that cannot run: the message names the state machine, the state and the fix. */
public final class DefinitionException extends RuntimeException {
  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
