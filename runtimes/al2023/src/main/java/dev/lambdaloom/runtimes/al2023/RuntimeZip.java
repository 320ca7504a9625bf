package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Zips a staged folder with each file's Unix permissions (the bootstrap and jre/bin/java must stay executable) and
 * one timestamp for every entry, so that the same inputs give the same bytes.
 */
final class RuntimeZip {
  private RuntimeZip() {
  }

  static void write(Path stage, Path zipFile, FileTime timestamp) throws IOException {
    Files.createDirectories(zipFile.toAbsolutePath().getParent());
    Path partial = zipFile.resolveSibling(zipFile.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    URI uri = URI.create("jar:" + partial.toAbsolutePath().toUri());
    try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
      for (Path file : Folders.files(stage)) {
        Path entry = zip.getPath("/" + stage.relativize(file));
        if (entry.getParent() != null) {
          Files.createDirectories(entry.getParent());
        }
        Files.copy(file, entry);
        Files.setPosixFilePermissions(entry, Files.getPosixFilePermissions(file));
        Files.setLastModifiedTime(entry, timestamp);
      }
    }
    Files.move(partial, zipFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
