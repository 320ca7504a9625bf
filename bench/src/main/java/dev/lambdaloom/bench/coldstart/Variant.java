package dev.lambdaloom.bench.coldstart;

/** The ways a function is started, side by side. */
enum Variant {
  /** The template's java25 function as the emulator runs it: AWS's flags, the JDK's default CDS archive. */
  MANAGED("java25 (managed)", null),
  /** The same zip with PRIME_ON_INIT=true: functions that prime their hot path at init do so (else it is the same). */
  PRIMING("java25 + PRIME_ON_INIT", null),
  /** provided.al2023 with the jlinked JDK and the AOT cache trained at build time (runtimes/al2023). */
  CUSTOM_RUNTIME("provided.al2023 + jlink + AOT cache", "al2023"),
  /** The same with the project's lean Runtime API loop (runtimes/loop) in place of AWS's runtime interface client. */
  LEAN_LOOP("provided.al2023 + jlink + AOT cache + lean loop", "al2023-lean");

  private final String label;
  private final String zipSuffix;

  Variant(String label, String zipSuffix) {
    this.label = label;
    this.zipSuffix = zipSuffix;
  }

  /** Runs its own zip from runtimes/al2023 as provided.al2023. */
  boolean custom() {
    return zipSuffix != null;
  }

  /** hello.zip gives hello-al2023.zip (hello-al2023-lean.zip with the lean loop). */
  String zipName(String javaZipName) {
    return javaZipName.replaceFirst("\\.zip$", "") + "-" + zipSuffix + ".zip";
  }

  String label() {
    return label;
  }
}
