package dev.lambdaloom.bench;

/**
 * The machine a run measured on, so results from different machines are not compared blindly.
 * It leaves out the host name and user on purpose: results are meant to be shared.
 */
record RunEnvironment(String javaVersion, String javaVendor, String os, String arch, int availableProcessors,
    long maxHeapMb) {

  static RunEnvironment current() {
    return new RunEnvironment(
        Runtime.version().toString(),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  String describe() {
    return String.format(java.util.Locale.ROOT, "Java %s (%s) on %s %s, %d processors, max heap %,d MB",
        javaVersion, javaVendor, os, arch, availableProcessors, maxHeapMb);
  }
}
