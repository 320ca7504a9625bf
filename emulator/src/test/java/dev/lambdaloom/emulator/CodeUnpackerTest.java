package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

  @Test
  void refusesAZipWhoseEntriesLambdasUserCannotReadNamingThemAndTheFix() throws Exception {
    Path zipFile = temp.resolve("owner-only.zip");
    try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
      Files.createDirectories(zip.getPath("/lib"));
      Files.setPosixFilePermissions(zip.getPath("/lib"), PosixFilePermissions.fromString("rwx------"));
      Files.writeString(zip.getPath("/lib/a.jar"), "not really a jar");
      Files.setPosixFilePermissions(zip.getPath("/lib/a.jar"), PosixFilePermissions.fromString("rw-------"));
      Files.writeString(zip.getPath("/readable.txt"), "fine");
      Files.setPosixFilePermissions(zip.getPath("/readable.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path cache = temp.resolve("unpacked");

    assertThatThrownBy(() -> new CodeUnpacker(cache).taskRoot(zipFile))
        .isInstanceOf(InvalidEntrypointException.class)
        .hasMessageStartingWith(zipFile + ": Lambda's user cannot read 2 entries (lib/ rwx------, lib/a.jar rw-------)")
        .hasMessageContaining("files need mode 644 and folders and executables 755")
        .hasMessageNotContaining("readable.txt");
    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left).as("nothing unpacked is kept for the next container to run").isEmpty();
    }
  }

  @Test
  void entriesWithoutUnixModesAreNotJudged() throws Exception {
    Path zipFile = temp.resolve("from-windows.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile))) {
      zip.putNextEntry(new ZipEntry("lib/")); // made by "FAT": no Unix modes at all
      zip.putNextEntry(new ZipEntry("lib/a.jar"));
      zip.write("not really a jar".getBytes(StandardCharsets.UTF_8));
    }

    Path root = new CodeUnpacker(temp.resolve("unpacked")).taskRoot(zipFile);

    assertThat(root.resolve("lib/a.jar")).hasContent("not really a jar");
  }
}
