package dev.lambdaloom.emulator.template;

/** A SAM template that cannot be read or that asks for something the emulator cannot do. */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
