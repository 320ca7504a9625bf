package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The running JDK's classes as folders ProGuard can read. JDK 25 builds such as this project's ship no jmods (a
 * linkable run-time image), and ProGuard reads jars, jmods and folders, not the run-time image: so the modules the
 * SDK refers to are copied out of {@code jrt:/} once per JDK version into a folder every function module shares.
 *
 * <p>Each module is copied into a folder of its own, then renamed into place in one step: a build that stops half way,
 * or two builds at once, never leave a reader half a module.
 */
final class JdkLibrary {

  private JdkLibrary() {}

  /** One folder per module, under {@code root/jdk-<version>}; written once, then reused. */
  static List<Path> extract(List<String> modules, Path root) {
    Path folder = root.resolve("jdk-" + Runtime.version());
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    List<Path> folders = new ArrayList<>();
    for (String module : modules) {
      Path source = jrt.getPath("/modules", module);
      if (!Files.isDirectory(source)) {
        throw new IllegalArgumentException("--jdk-modules names " + module + ", which this JDK ("
            + Runtime.version() + ") does not have");
      }
      Path target = folder.resolve(module);
      if (!Files.isDirectory(target)) {
        copyClasses(source, target);
      }
      folders.add(target);
    }
    return folders;
  }

  private static void copyClasses(Path source, Path target) {
    Path partial = target.resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    try {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (!file.toString().endsWith(".class") || file.getFileName().toString().equals("module-info.class")) {
            continue;
          }
          Path copy = partial.resolve(source.relativize(file).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        deleteTree(partial); // another build put the same module in place first
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " out of the JDK to " + target, e);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
