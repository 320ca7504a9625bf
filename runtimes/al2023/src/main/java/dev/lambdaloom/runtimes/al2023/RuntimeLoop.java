package dev.lambdaloom.runtimes.al2023;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which Runtime API loop a custom-runtime zip runs: each gets its own zip (and AOT cache, trained on that loop), so
 * the benchmark can set them side by side.
 */
enum RuntimeLoop {
  /** AWS's runtime interface client: every handler form, its JNI library for the HTTP calls. */
  AWS_CLIENT("aws", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "al2023"),
  /** The project's own loop (module runtimes/loop): a socket, RequestHandler and RequestStreamHandler only. */
  LEAN("lean", "dev.lambdaloom.runtimes.loop.LeanRuntime", "al2023-lean");

  private final String option;
  private final String mainClass;
  private final String zipSuffix;

  RuntimeLoop(String option, String mainClass, String zipSuffix) {
    this.option = option;
    this.mainClass = mainClass;
    this.zipSuffix = zipSuffix;
  }

  /** {@code aws} or {@code lean}, as -Dcustom-runtime.loops lists them. */
  static RuntimeLoop of(String option) {
    String wanted = option.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(loop -> loop.option.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown runtime loop '" + option + "' in "
            + "-Dcustom-runtime.loops: use aws, lean or both (aws,lean)"));
  }

  String mainClass() {
    return mainClass;
  }

  /** hello gives hello-al2023.zip or hello-al2023-lean.zip. */
  String zipName(String name) {
    return name + "-" + zipSuffix + ".zip";
  }

  String folder() {
    return option;
  }
}
