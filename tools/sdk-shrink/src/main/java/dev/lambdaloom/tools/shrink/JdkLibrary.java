package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The running JDK's classes as folders ProGuard can read. JDK 25 builds such as this project's ship no jmods (a
 * linkable run-time image), and ProGuard reads jars, jmods and folders, not the run-time image: so the modules the
 * SDK refers to are copied out of {@code jrt:/} once per JDK version and reused by every function module.
 */
final class JdkLibrary {

  private static final String COMPLETE = ".complete";

  private JdkLibrary() {}

  /** One folder per module, under {@code work/jdk-<version>}; written once, then reused. */
  static List<Path> extract(List<String> modules, Path work) {
    Path root = work.resolve("jdk-" + Runtime.version());
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    List<Path> folders = new ArrayList<>();
    for (String module : modules) {
      Path source = jrt.getPath("/modules", module);
      if (!Files.isDirectory(source)) {
        throw new IllegalArgumentException("--jdk-modules names " + module + ", which this JDK ("
            + Runtime.version() + ") does not have");
      }
      Path target = root.resolve(module);
      if (!Files.exists(target.resolve(COMPLETE))) {
        copyClasses(source, target);
      }
      folders.add(target);
    }
    return folders;
  }

  private static void copyClasses(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.toString().endsWith(".class") || file.getFileName().toString().equals("module-info.class")) {
          continue;
        }
        Path copy = target.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      // Written last: a build stopped half way copies again instead of reading half a module.
      Files.createDirectories(target);
      Files.writeString(target.resolve(COMPLETE), Runtime.version().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " out of the JDK to " + target, e);
    }
  }
}
