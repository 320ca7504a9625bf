package dev.lambdaloom.tools.shrink;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shrinking run, from a function module's POM.
 *
 * @param classes the function's own classes: roots, kept whole, not written out
 * @param runtimeClasspath every jar the function's zip would carry
 * @param sdk the AWS SDK jars to shrink (a subset of the classpath)
 * @param own the project's jars the function uses: roots, kept whole, not written out (they stay in the zip as they
 *     are); they are program classes because they call the SDK
 * @param rules the keep rules (build/sdk-shrink.pro)
 * @param out the jar that replaces {@code sdk} in the zip
 * @param work the module's own scratch folder (the shrunk jar is written there, then moved to {@code out})
 * @param jdkClasses where the JDK's classes are copied for the shrinker to read, shared by every module
 * @param jdkModules the JDK modules the SDK's classes may refer to
 * @param dontWarn class name patterns the function refers to but leaves out of this zip on purpose (the S3 probe's
 *     CRT zip leaves out the Netty client its other zip uses)
 */
record ShrinkOptions(Path classes, List<Path> runtimeClasspath, List<Path> sdk, List<Path> own, Path rules, Path out,
    Path work, Path jdkClasses, List<String> jdkModules, List<String> dontWarn) {

  ShrinkOptions {
    runtimeClasspath = List.copyOf(runtimeClasspath);
    sdk = List.copyOf(sdk);
    own = List.copyOf(own);
    jdkModules = List.copyOf(jdkModules);
    dontWarn = List.copyOf(dontWarn);
    if (sdk.isEmpty()) {
      throw new IllegalArgumentException("--sdk is empty: nothing to shrink (is the SDK a runtime dependency?)");
    }
    for (Path jar : sdk) {
      if (!runtimeClasspath.contains(jar)) {
        throw new IllegalArgumentException("--sdk names " + jar + ", which is not on --runtime-classpath");
      }
    }
  }

  /** The classpath minus what is shrunk and what is the project's: read by the shrinker, copied to the zip as it is. */
  List<Path> library() {
    return runtimeClasspath.stream().filter(jar -> !sdk.contains(jar) && !own.contains(jar)).toList();
  }

  static ShrinkOptions parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new ShrinkOptions(Path.of(required(values, "classes")), paths(required(values, "runtime-classpath")),
        paths(required(values, "sdk")), paths(values.getOrDefault("own", "")), Path.of(required(values, "rules")),
        Path.of(required(values, "out")), Path.of(required(values, "work")), Path.of(required(values, "jdk-classes")),
        list(required(values, "jdk-modules")),
        list(values.getOrDefault("dontwarn", "")));
  }

  /** A path list as Maven's dependency:build-classpath writes it. */
  private static List<Path> paths(String text) {
    return Arrays.stream(text.split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name + "=...");
    }
    return value;
  }
}
