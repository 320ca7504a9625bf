package dev.lambdaloom.services.sqs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the folder of jars ElasticMQ runs from: the build copies ElasticMQ and its dependencies (Scala, Pekko) to
 * {@code services/elasticmq/target/elasticmq/}. They are never on a class path of ours: the server runs in a child JVM.
 */
final class ElasticMqClassPath {
  static final String PROPERTY = "lambdaloom.elasticmq.classpath";
  static final String HOME_PROPERTY = "lambdaloom.home";
  private static final Path IN_CHECKOUT = Path.of("services", "elasticmq", "target", "elasticmq");
  private static final String SERVER_JAR_PREFIX = "elasticmq-server_";

  private ElasticMqClassPath() {}

  /** From the system properties and the working directory of this JVM. */
  static Path locate() {
    return locate(System.getProperty(PROPERTY), System.getProperty(HOME_PROPERTY), Path.of("").toAbsolutePath());
  }

  /**
   * In order: {@code explicit} (which must hold ElasticMQ's server jar when given), {@code home}/services/elasticmq/
   * target/elasticmq, then the same under {@code workingDirectory} and its parent (a module's folder in a checkout).
   */
  static Path locate(String explicit, String home, Path workingDirectory) {
    if (explicit != null && !explicit.isBlank()) {
      Path folder = Path.of(explicit);
      if (!holdsServer(folder)) {
        throw new IllegalStateException("ElasticMQ's jars are not in " + folder + " (system property " + PROPERTY
            + "). Build them with ./mvnw package, or fix the property.");
      }
      return folder;
    }
    List<Path> candidates = new ArrayList<>();
    if (home != null && !home.isBlank()) {
      candidates.add(Path.of(home).resolve(IN_CHECKOUT));
    }
    candidates.add(workingDirectory.resolve(IN_CHECKOUT));
    if (workingDirectory.getParent() != null) {
      candidates.add(workingDirectory.getParent().resolve(IN_CHECKOUT));
    }
    for (Path candidate : candidates) {
      if (holdsServer(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("ElasticMQ's jars were not found (looked in " + candidates + "). Run ./mvnw"
        + " package in the Lambdaloom checkout (it copies them to " + IN_CHECKOUT + "), or set -D" + PROPERTY
        + "=/path/to/the/folder.");
  }

  private static boolean holdsServer(Path folder) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (var files = Files.list(folder)) {
      return files.anyMatch(file -> file.getFileName().toString().startsWith(SERVER_JAR_PREFIX));
    } catch (java.io.IOException unreadable) {
      return false;
    }
  }
}
