package dev.lambdaloom.services.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds S3Mock's exec jar, which the build copies to {@code services/target/services/s3mock.jar}. It is
 * never on a class path: the S3 server runs it in a child JVM.
 */
final class S3MockJar {
  static final String PROPERTY = "lambdaloom.s3mock.jar";
  static final String HOME_PROPERTY = "lambdaloom.home";
  private static final Path IN_MODULE = Path.of("target", "services", "s3mock.jar");
  private static final Path IN_CHECKOUT = Path.of("services").resolve(IN_MODULE);

  private S3MockJar() {}

  /** From the system properties and the working directory of this JVM. */
  static Path locate() {
    return locate(System.getProperty(PROPERTY), System.getProperty(HOME_PROPERTY),
        Path.of("").toAbsolutePath());
  }

  /**
   * In order: {@code explicit} (a path, which must exist when given), {@code home}/services/target/...,
   * then services/target/... and target/... under {@code workingDirectory}.
   */
  static Path locate(String explicit, String home, Path workingDirectory) {
    if (explicit != null && !explicit.isBlank()) {
      Path jar = Path.of(explicit);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("S3Mock's exec jar is not at " + jar + " (system property " + PROPERTY
            + "). Build it with ./mvnw package, or fix the property.");
      }
      return jar;
    }
    List<Path> candidates = new ArrayList<>();
    if (home != null && !home.isBlank()) {
      candidates.add(Path.of(home).resolve(IN_CHECKOUT));
    }
    candidates.add(workingDirectory.resolve(IN_CHECKOUT));
    candidates.add(workingDirectory.resolve(IN_MODULE));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("S3Mock's exec jar was not found (looked at " + candidates
        + "). Run ./mvnw package in the Lambdaloom checkout (it copies the jar to services/target/services/), or set -D"
        + PROPERTY + "=/path/to/s3mock-exec.jar.");
  }
}
