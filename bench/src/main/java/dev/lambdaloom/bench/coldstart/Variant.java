package dev.lambdaloom.bench.coldstart;

/** The ways a function is started, side by side. */
enum Variant {
  /** The template's java25 function as the emulator runs it: AWS's flags, the JDK's default CDS archive. */
  MANAGED("java25 (managed)"),
  /** The same zip with PRIME_ON_INIT=true: functions that prime their hot path at init do so (else it is the same). */
  PRIMING("java25 + PRIME_ON_INIT"),
  /** provided.al2023 with the jlinked JDK and the AOT cache trained at build time (runtimes/al2023). */
  CUSTOM_RUNTIME("provided.al2023 + jlink + AOT cache");

  private final String label;

  Variant(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
