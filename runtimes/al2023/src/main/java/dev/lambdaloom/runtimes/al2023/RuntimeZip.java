package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Zips a staged folder the way Lambda needs it and reproducibly: every folder an entry of its own with mode 755,
 * every file 755 when its owner may run it (the bootstrap, jre/bin/java) and 644 otherwise, whatever the build
 * machine's umask (Lambda runs the code as a user that owns none of it and reads it through the "others" bits), and
 * one timestamp for every entry, so that the same inputs give the same bytes.
 */
final class RuntimeZip {
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private RuntimeZip() {
  }

  static void write(Path stage, Path zipFile, FileTime timestamp) throws IOException {
    Files.createDirectories(zipFile.toAbsolutePath().getParent());
    Path partial = zipFile.resolveSibling(zipFile.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    URI uri = URI.create("jar:" + partial.toAbsolutePath().toUri());
    try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
      for (Path staged : sortedTree(stage)) {
        Path entry = zip.getPath("/" + stage.relativize(staged));
        if (Files.isDirectory(staged)) {
          Files.createDirectory(entry); // parents come first in the sorted tree
          Files.setPosixFilePermissions(entry, FOLDER);
        } else {
          Files.copy(staged, entry);
          boolean runnable = Files.getPosixFilePermissions(staged).contains(PosixFilePermission.OWNER_EXECUTE);
          Files.setPosixFilePermissions(entry, runnable ? EXECUTABLE : READABLE);
        }
        Files.setLastModifiedTime(entry, timestamp);
      }
    }
    Files.move(partial, zipFile, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The folders and regular files under {@code root}, without it, sorted by relative path: a folder before its contents. */
  private static List<Path> sortedTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root) && (Files.isDirectory(p) || Files.isRegularFile(p)))
          .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
          .toList();
    }
  }
}
