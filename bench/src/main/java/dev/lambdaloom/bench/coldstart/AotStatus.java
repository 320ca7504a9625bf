package dev.lambdaloom.bench.coldstart;

import java.util.List;
import java.util.regex.Pattern;

/** Whether a custom-runtime start used its AOT cache, as the JVM's and the bootstrap's output say. */
enum AotStatus {
  USED("used"),
  /** The JVM printed an [error][aot] line: it ran without the cache (another JDK's, or damaged). */
  REFUSED_BY_JVM("refused by the JVM"),
  /** The bootstrap found the cache missing, stale or another code's and started without it. */
  REFUSED_BY_BOOTSTRAP("refused by the bootstrap"),
  NOT_APPLICABLE("");

  private static final Pattern JVM_ERROR = Pattern.compile("\\[error\\s*\\]\\[aot");

  private final String label;

  AotStatus(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static AotStatus of(List<String> logLines) {
    for (String line : logLines) {
      if (line.contains("[lambdaloom] AOT cache") || line.contains("[lambdaloom] no AOT cache")) {
        return REFUSED_BY_BOOTSTRAP;
      }
      if (JVM_ERROR.matcher(line).find()) {
        return REFUSED_BY_JVM;
      }
    }
    return USED;
  }
}
