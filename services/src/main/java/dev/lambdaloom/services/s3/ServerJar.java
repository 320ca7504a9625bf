package dev.lambdaloom.services.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the jar a local S3 server runs from, which the build copies to {@code services/target/services/}: S3Mock's exec
 * jar and s3proxy's jar-with-dependencies. Neither is ever on a class path: each server runs in a child JVM.
 *
 * @param server the server's name, for messages
 * @param property the system property that names the jar explicitly
 * @param fileName the jar's name in {@code services/target/services/}
 */
record ServerJar(String server, String property, String fileName) {
  static final ServerJar S3MOCK = new ServerJar("S3Mock's exec jar", "lambdaloom.s3mock.jar", "s3mock.jar");
  static final ServerJar S3PROXY = new ServerJar("s3proxy's jar-with-dependencies", "lambdaloom.s3proxy.jar",
      "s3proxy.jar");
  static final String HOME_PROPERTY = "lambdaloom.home";

  /** From the system properties and the working directory of this JVM. */
  Path locate() {
    return locate(System.getProperty(property), System.getProperty(HOME_PROPERTY), Path.of("").toAbsolutePath());
  }

  /**
   * In order: {@code explicit} (a path, which must exist when given), {@code home}/services/target/services/...,
   * then services/target/services/... and target/services/... under {@code workingDirectory}.
   */
  Path locate(String explicit, String home, Path workingDirectory) {
    if (explicit != null && !explicit.isBlank()) {
      Path jar = Path.of(explicit);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(server + " is not at " + jar + " (system property " + property
            + "). Build it with ./mvnw package, or fix the property.");
      }
      return jar;
    }
    Path inModule = Path.of("target", "services", fileName);
    List<Path> candidates = new ArrayList<>();
    if (home != null && !home.isBlank()) {
      candidates.add(Path.of(home).resolve("services").resolve(inModule));
    }
    candidates.add(workingDirectory.resolve("services").resolve(inModule));
    candidates.add(workingDirectory.resolve(inModule));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(server + " was not found (looked at " + candidates
        + "). Run ./mvnw package in the Lambdaloom checkout (it copies the jar to services/target/services/), or set -D"
        + property + "=/path/to/" + fileName + ".");
  }
}
