package dev.lambdaloom.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The throwaway folders embedded services keep their data in. */
public final class TemporaryFolder {
  private TemporaryFolder() {}

  /** A new empty folder in java.io.tmpdir, readable by its owner only where the file system has permissions. */
  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /** Deletes {@code folder} and everything in it; one already gone is fine. Symbolic links are removed, not followed. */
  public static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
