package dev.lambdaloom.bench;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The folders of an experiment's runs: one per run, named by its UTC start, and latest/. */
final class RunFolders {

  static final String LATEST = "latest";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private RunFolders() {
  }

  static String stamp(Instant start) {
    return STAMP.format(start);
  }

  /** Creates a new folder for a run, adding -2, -3... when another run started in the same second. */
  static Path createRunFolder(Path experimentFolder, Instant start) throws IOException {
    Files.createDirectories(experimentFolder);
    String stamp = stamp(start);
    for (int attempt = 1; ; attempt++) {
      Path folder = experimentFolder.resolve(attempt == 1 ? stamp : stamp + "-" + attempt);
      try {
        // createDirectory is atomic: two runs, even in two processes, never get the same folder.
        return Files.createDirectory(folder);
      } catch (FileAlreadyExistsException taken) {
        // Try the next suffix.
      }
    }
  }

  /** Makes latest/ a copy of the run's folder: a copy, not a symlink, so it works on every OS and in zips. */
  static Path refreshLatest(Path runFolder) throws IOException {
    Path latest = runFolder.resolveSibling(LATEST);
    deleteRecursively(latest);
    Files.createDirectory(latest);
    List<Path> files;
    try (Stream<Path> listing = Files.list(runFolder)) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      Files.copy(file, latest.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    return latest;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      Files.delete(path);
      return;
    }
    if (!Files.exists(path)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(path)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path each : all) {
      Files.delete(each);
    }
  }
}
