package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The running JDK's classes as jars the shrinker reads as its library, one per module named: a reference to a class
 * of another module fails the shrink, naming the fix. JDK 25 builds such as this project's ship no jmods, so the
 * modules are copied out of {@code jrt:/} once per JDK version into a folder every function module shares.
 *
 * <p>Each module is copied into a jar of its own (R8 reads jars in parallel, folders one class at a time), then
 * renamed into place in one step: a build that stops half way, or two builds at once, never leave a reader half a
 * module.
 */
final class JdkLibrary {

  private JdkLibrary() {}

  /** One jar per module, under {@code root/jdk-<version>}; written once, then reused. */
  static List<Path> extract(List<String> modules, Path root) {
    Path folder = root.resolve("jdk-" + Runtime.version());
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    List<Path> jars = new ArrayList<>();
    for (String module : modules) {
      Path source = jrt.getPath("/modules", module);
      if (!Files.isDirectory(source)) {
        throw new IllegalArgumentException("--jdk-modules names " + module + ", which this JDK ("
            + Runtime.version() + ") does not have");
      }
      Path target = folder.resolve(module + ".jar");
      if (!Files.isRegularFile(target)) {
        copyClasses(source, target);
      }
      jars.add(target);
    }
    return jars;
  }

  private static void copyClasses(Path source, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
      try (Stream<Path> files = Files.walk(source); OutputStream file = Files.newOutputStream(partial);
          JarOutputStream jar = new JarOutputStream(file)) {
        for (Path path : (Iterable<Path>) files.sorted()::iterator) {
          if (!path.toString().endsWith(".class") || path.getFileName().toString().equals("module-info.class")) {
            continue;
          }
          jar.putNextEntry(new JarEntry(source.relativize(path).toString()));
          Files.copy(path, jar);
          jar.closeEntry();
        }
      }
      // Another build may have put the same module in place first: the same bytes, replaced in one step.
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " out of the JDK to " + target, e);
    }
  }
}
