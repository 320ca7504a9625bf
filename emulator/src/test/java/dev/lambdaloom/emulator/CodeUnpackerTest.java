package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeUnpackerTest {
  @TempDir
  Path temp;

  @Test
  void keepsEachEntrysModificationTimeAndPermissionsAsUnzipDoes() throws Exception {
    FileTime entryTime = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Path zipFile = temp.resolve("code.zip");
    try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
      Files.createDirectories(zip.getPath("/lib"));
      Files.writeString(zip.getPath("/lib/a.jar"), "not really a jar");
      Files.setLastModifiedTime(zip.getPath("/lib/a.jar"), entryTime);
      Files.writeString(zip.getPath("/bootstrap"), "#!/bin/sh\n");
      Files.setPosixFilePermissions(zip.getPath("/bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setLastModifiedTime(zip.getPath("/bootstrap"), entryTime);
    }

    Path root = new CodeUnpacker(temp.resolve("unpacked")).taskRoot(zipFile);

    // an AOT cache compares its jars' times with these: "now" would make every cache stale
    assertThat(Files.getLastModifiedTime(root.resolve("lib/a.jar"))).isEqualTo(entryTime);
    assertThat(Files.getLastModifiedTime(root.resolve("bootstrap"))).isEqualTo(entryTime);
    assertThat(Files.getPosixFilePermissions(root.resolve("bootstrap")))
        .isEqualTo(Set.copyOf(PosixFilePermissions.fromString("rwxr-xr-x")));
  }
}
