package dev.lambdaloom.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of every deployed zip is readable by all, every folder readable and searchable by all: Lambda runs the
 * function as a user other than the files' owner, and a file it cannot read fails the function on AWS only (the
 * emulator runs it as the user who built it). Checked on the zips as built, before a deploy.
 */
class TemplateZipModesTest {

  @TestFactory
  Stream<DynamicTest> everyFileOfEveryDeployedZipIsReadableByLambdasUser() {
    return new RootTemplate().loaded().functions().values().stream()
        .map(FunctionConfig::codeUri)
        .filter(code -> code.getFileName().toString().endsWith(".zip"))
        .distinct()
        .map(zip -> DynamicTest.dynamicTest(zip.getFileName().toString(), () -> check(zip)));
  }

  private static void check(Path zip) throws IOException {
    assumeTrue(Files.isRegularFile(zip), () -> RootTemplate.ROOT.relativize(zip)
        + " is not built: assuming its modes are right (run ./mvnw package to check them)");
    List<String> unreadable = new ArrayList<>();
    try (FileSystem files = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
        Stream<Path> entries = Files.walk(files.getPath("/"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(entry);
        if (modes.isEmpty() || entry.toString().equals("/")) {
          continue; // an entry made without Unix modes, or the root the zip file system adds
        }
        boolean readable = modes.contains(PosixFilePermission.OTHERS_READ)
            && (!Files.isDirectory(entry) || modes.contains(PosixFilePermission.OTHERS_EXECUTE));
        if (!readable) {
          unreadable.add(entry + " " + PosixFilePermissions.toString(modes));
        }
      }
    }
    assertThat(unreadable).as("%s: entries Lambda's user cannot read (files must be 644, folders and executables 755)",
        zip.getFileName()).isEmpty();
  }
}
