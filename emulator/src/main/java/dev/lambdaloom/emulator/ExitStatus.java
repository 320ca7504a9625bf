package dev.lambdaloom.emulator;

/**
 * How a runtime process ended, worded the way Lambda words it ("exit status 1", "signal: killed").
 *
 * @param code the process exit code; 128 + n for signal n when a shell reports it
 * @param outOfMemory the sandbox saw the kernel kill it for exceeding its memory
 */
record ExitStatus(int code, boolean outOfMemory) {
  String describe() {
    if (outOfMemory) {
      return "signal: killed";
    }
    return switch (code) {
      case 137 -> "signal: killed";
      case 143 -> "signal: terminated";
      case 134 -> "signal: aborted";
      case 139 -> "signal: segmentation fault";
      default -> "exit status " + code;
    };
  }

  /** The errorType Lambda reports for it. */
  String errorType() {
    return outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError";
  }
}
