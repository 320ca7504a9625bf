package dev.lambdaloom.cli;

import java.nio.file.Path;

/** Lambdaloom's checkout, where the launcher lives: set by ./lambdaloom, else the current folder. */
final class LambdaloomHome {
  private LambdaloomHome() {}

  static Path path() {
    String home = System.getProperty("lambdaloom.home");
    return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
  }
}
