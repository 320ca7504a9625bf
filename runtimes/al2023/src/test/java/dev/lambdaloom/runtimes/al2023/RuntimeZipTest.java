package dev.lambdaloom.runtimes.al2023;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeZipTest {
  private static final FileTime TIMESTAMP = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir
  Path temp;

  @Test
  void givesLambdasUserReadAndSearchOnEveryEntryWhateverTheStagedModes() throws Exception {
    Path stage = temp.resolve("stage");
    Files.createDirectories(stage.resolve("jre/bin"));
    Files.writeString(stage.resolve("bootstrap"), "#!/bin/sh\n");
    Files.writeString(stage.resolve("jre/bin/java"), "binary");
    Files.writeString(stage.resolve("jre/release"), "JAVA_VERSION=25");
    // as a umask of 077 leaves them: nothing for anyone but the build's user
    Files.setPosixFilePermissions(stage.resolve("bootstrap"), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(stage.resolve("jre/bin/java"), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(stage.resolve("jre/release"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(stage.resolve("jre/bin"), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(stage.resolve("jre"), PosixFilePermissions.fromString("rwx------"));
    Path zipFile = temp.resolve("code.zip");

    RuntimeZip.write(stage, zipFile, TIMESTAMP);

    try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("enablePosixFileAttributes", "true"))) {
      assertThat(modes(zip, "/bootstrap")).isEqualTo("rwxr-xr-x");
      assertThat(modes(zip, "/jre/bin/java")).isEqualTo("rwxr-xr-x");
      assertThat(modes(zip, "/jre/release")).isEqualTo("rw-r--r--");
      assertThat(modes(zip, "/jre")).isEqualTo("rwxr-xr-x");
      assertThat(modes(zip, "/jre/bin")).isEqualTo("rwxr-xr-x");
      // folders are entries of their own with the one timestamp: the same inputs give the same bytes
      assertThat(Files.getLastModifiedTime(zip.getPath("/jre/bin"))).isEqualTo(TIMESTAMP);
      assertThat(Files.getLastModifiedTime(zip.getPath("/jre/release"))).isEqualTo(TIMESTAMP);
    }
  }

  private static String modes(FileSystem zip, String entry) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(zip.getPath(entry)));
  }
}
