package dev.lambdaloom.runtimes.al2023;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one custom-runtime build makes, from the module's POM.
 *
 * @param template the SAM template the functions are read from
 * @param functions the template's logical names that get a custom-runtime zip
 * @param loops the Runtime API loops each function gets a zip for
 * @param runtimeClient the runtime interface client's jars (and their dependencies)
 * @param leanLoop the lean loop's jars (and their dependencies)
 * @param jdk the JDK 25 whose jlink, jdeps and modules make the image
 * @param out where the image, the work folders and the zips go (the module's target)
 * @param budgetBytes the most a zip may weigh
 * @param unzippedBudgetBytes the most its files may weigh together, unzipped
 */
record BuildOptions(Path template, List<String> functions, List<RuntimeLoop> loops, Path runtimeClient, Path leanLoop,
    Path jdk, Path out, long budgetBytes, long unzippedBudgetBytes) {

  /** Where a loop's jars are. */
  Path jars(RuntimeLoop loop) {
    return switch (loop) {
      case AWS_CLIENT -> runtimeClient;
      case LEAN -> leanLoop;
    };
  }

  static BuildOptions parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new BuildOptions(Path.of(required(values, "template")),
        list(required(values, "functions")), list(required(values, "loops")).stream().map(RuntimeLoop::of).distinct()
            .toList(), Path.of(required(values, "runtime-client")), Path.of(required(values, "lean-loop")),
        Path.of(required(values, "jdk")), Path.of(required(values, "out")),
        megabytes(values, "budget-mb"), megabytes(values, "unzipped-budget-mb"));
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static long megabytes(Map<String, String> values, String name) {
    String text = required(values, name);
    try {
      return Long.parseLong(text.trim()) * 1024 * 1024;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number of MB, got " + text, e);
    }
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name + "=...");
    }
    return value;
  }
}
