package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ParseException;
import proguard.ProGuard;

/**
 * Shrinks a function's AWS SDK jars to what the function can reach, with ProGuard, for its deployment zip.
 *
 * <p>The SDK's client interfaces name every operation of a service, so a function that calls three operations still
 * ships the models and marshallers of all of them: the DynamoDB and S3 jars alone are 7 MB. ProGuard removes the
 * unreachable methods, and with them the classes only they reach. Nothing is renamed or optimised (class names stay,
 * stack traces read as usual); the function's classes and the project's jars are the roots and stay as they are;
 * every other jar (Netty, the CRT, Jackson, the Lambda libraries) is only read. What the SDK loads by name (its
 * interceptors, its HTTP clients through ServiceLoader, the same list it declares for GraalVM native images) is kept by
 * the rules in {@code build/sdk-shrink.pro}. Each function's integration test then runs the shrunk zip in the emulator.
 *
 * <p>Run by the function modules' {@code sdk-shrink} execution (exec:java, in Maven's JVM: it never exits the JVM;
 * a failure is an exception naming the fix).
 */
public final class SdkShrink {

  private SdkShrink() {}

  public static void main(String[] args) {
    ShrinkOptions options = ShrinkOptions.parse(args);
    long before = totalSize(options.sdk());
    run(options);
    long after = size(options.out());
    System.out.printf("sdk-shrink: %d SDK jars, %,d bytes -> %s, %,d bytes%n", options.sdk().size(), before,
        options.out().getFileName(), after);
  }

  static void run(ShrinkOptions options) {
    SdkResources resources = SdkResources.of(options.sdk());
    if (!resources.conflicts().isEmpty()) {
      throw new IllegalStateException("SDK jars hold different files of the same name, and the shrunk jar can hold "
          + "one only: " + resources.conflicts() + ". Such files have to be merged into one (as a services file is) "
          + "before shrinking; SdkResources is where that would go");
    }
    List<Path> jdk = JdkLibrary.extract(options.jdkModules(), options.jdkClasses());
    Configuration configuration = new Configuration();
    try (ConfigurationParser parser = new ConfigurationParser(arguments(options, resources, jdk).toArray(String[]::new),
        System.getProperties())) {
      parser.parse(configuration);
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("ProGuard refused the configuration built from " + options.rules(), e);
    }
    try {
      Files.createDirectories(options.out().getParent());
      Files.deleteIfExists(options.out());
      new ProGuard(configuration).execute();
    } catch (Exception e) {
      throw new IllegalStateException("shrinking the SDK for " + options.classes() + " failed (ProGuard's warnings "
          + "are printed above). A class that cannot be found: add its jar to the runtime classpath, or its JDK "
          + "module to --jdk-modules, or name it in --dontwarn if the zip leaves it out on purpose. A class the SDK "
          + "loads by name: add a -keep rule to " + options.rules(), e);
    }
  }

  static List<String> arguments(ShrinkOptions options, SdkResources resources, List<Path> jdk) {
    List<String> arguments = new ArrayList<>();
    // The roots: read for what they call, never written (the zip carries them as they are).
    arguments.add("-injars");
    arguments.add(quoted(options.classes()) + "(**.class)");
    for (Path jar : options.own()) {
      arguments.add("-injars");
      arguments.add(quoted(jar) + "(**.class)");
    }
    for (Path jar : options.sdk()) {
      arguments.add("-injars");
      arguments.add(quoted(jar) + "(" + resources.inputFilter(jar) + ")");
    }
    // The project's classes all live under dev/lambdaloom: they go to the second jar, which nothing uses.
    arguments.add("-outjars");
    arguments.add(quoted(options.out()) + "(!dev/lambdaloom/**)");
    arguments.add("-outjars");
    arguments.add(quoted(options.work().resolve("roots-not-shipped.jar")));
    for (Path jar : options.library()) {
      arguments.add("-libraryjars");
      arguments.add(quoted(jar) + "(!META-INF/versions/**,!module-info.class)");
    }
    for (Path folder : jdk) {
      arguments.add("-libraryjars");
      arguments.add(quoted(folder) + "(**.class)");
    }
    for (String pattern : options.dontWarn()) {
      arguments.add("-dontwarn");
      arguments.add(pattern);
    }
    arguments.add("-include");
    arguments.add(quoted(options.rules()));
    return arguments;
  }

  private static String quoted(Path path) {
    return "'" + path.toAbsolutePath() + "'";
  }

  private static long totalSize(List<Path> jars) {
    return jars.stream().mapToLong(SdkShrink::size).sum();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of " + file, e);
    }
  }
}
