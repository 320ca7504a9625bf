package dev.lambdaloom.emulator;

/** Where functions run by the emulator may send their AWS calls. */
public enum AwsReach {
  /**
   * The default: placeholder credentials, the local services' endpoints, and every other AWS endpoint pointed at the
   * emulator's {@link LocalOnlyGuard}, which refuses the call; nothing the functions do leaves the machine.
   */
  LOCAL_ONLY,
  /** Asked for with {@code --aws}: the shell's credentials, AWS's own endpoints, no guard. */
  REAL_AWS
}
