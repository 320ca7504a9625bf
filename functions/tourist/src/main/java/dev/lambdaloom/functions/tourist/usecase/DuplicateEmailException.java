package dev.lambdaloom.functions.tourist.usecase;

/** Another tourist already has this email (compared without regard to case). */
public final class DuplicateEmailException extends RuntimeException {
  public DuplicateEmailException(String email) {
    super("a tourist with email " + email + " already exists", null, false, false);
  }
}
