package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A custom-runtime zip's contents, laid out in a folder: {@code bootstrap}; {@code app/<name>.jar}, the function's
 * classes (the root of its java25 zip: the AOT cache only holds classes that came from jars); {@code lib/}, its
 * dependencies as in the java25 zip; {@code runtime/}, the runtime interface client's jars and JNI library and the
 * class path files the bootstrap reads; {@code jre/}, the shared JDK image.
 *
 * <p>With the lean loop, {@code runtime/} holds its jars instead of the runtime interface client's, and no JNI library.
 */
final class RuntimeStage {
  static final String CLASSPATH_JARS = "runtime/classpath.jars";
  static final String CACHE = "runtime/app.aot";
  static final String CACHE_JARS = "runtime/app.aot.jars";
  /** The loop's main class, for the bootstrap's java command line (an @-file, like the class path). */
  static final String MAIN_ARGS = "runtime/main.args";
  private static final String JNI_LIBRARY = "runtime/libaws-lambda-jni.so";

  private RuntimeStage() {
  }

  /**
   * What goes into one zip.
   *
   * @param functionZip the function's java25 zip
   * @param name the zip's base name (hello for hello.zip)
   * @param loop the Runtime API loop it runs
   * @param loopJars that loop's jars and their dependencies
   */
  record Code(Path functionZip, String name, RuntimeLoop loop, Path loopJars) {}

  /** Lays the folder out; the class path's jars in order (the function's, its libraries, the loop's). */
  static List<String> lay(Code code, Path jdkImage, Path stage, FileTime timestamp) throws IOException {
    Path functionZip = code.functionZip();
    String name = code.name();
    Folders.deleteTree(stage);
    Files.createDirectories(stage.resolve("app"));
    Files.createDirectories(stage.resolve("lib"));
    Files.createDirectories(stage.resolve("runtime"));
    List<String> classpath = new ArrayList<>();
    String appJar = "app/" + name + ".jar";
    classpath.add(appJar);
    try (FileSystem zip = FileSystems.newFileSystem(functionZip, Map.of());
        OutputStream out = Files.newOutputStream(stage.resolve(appJar));
        ZipOutputStream jar = new ZipOutputStream(out)) {
      Path root = zip.getPath("/");
      for (Path entry : Folders.files(root)) {
        String path = root.relativize(entry).toString();
        if (path.startsWith("lib/")) {
          Files.copy(entry, stage.resolve(path));
          classpath.add(path);
        } else {
          ZipEntry jarEntry = new ZipEntry(path);
          jarEntry.setLastModifiedTime(timestamp);
          jar.putNextEntry(jarEntry);
          Files.copy(entry, jar);
          jar.closeEntry();
        }
      }
    }
    List<Path> clientJars;
    try (Stream<Path> files = Files.list(code.loopJars())) {
      clientJars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    for (Path jar : clientJars) {
      String libraryCopy = "lib/" + jar.getFileName();
      if (!classpath.contains(libraryCopy)) { // the function's own copy (aws-lambda-java-core) is enough
        String path = "runtime/" + jar.getFileName();
        Files.copy(jar, stage.resolve(path));
        classpath.add(path);
      }
      if (code.loop() == RuntimeLoop.AWS_CLIENT) {
        extractJniLibrary(jar, stage.resolve(JNI_LIBRARY));
      }
    }
    if (code.loop() == RuntimeLoop.AWS_CLIENT && !Files.isRegularFile(stage.resolve(JNI_LIBRARY))) {
      throw new IOException("no " + jniName() + " in the runtime interface client's jars in " + code.loopJars());
    }
    // One line, so that the bootstrap reads it with the shell's read (no process of its own: about a millisecond).
    Files.writeString(stage.resolve(CLASSPATH_JARS), String.join(" ", classpath) + "\n");
    Files.writeString(stage.resolve("runtime/classpath.args"), "-cp " + String.join(":", classpath) + "\n");
    Files.writeString(stage.resolve(MAIN_ARGS), code.loop().mainClass() + "\n");
    try (InputStream bootstrap = RuntimeStage.class.getResourceAsStream("bootstrap")) {
      Files.copy(bootstrap, stage.resolve("bootstrap"));
    }
    Files.setPosixFilePermissions(stage.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Folders.copyTree(jdkImage, stage.resolve("jre"));
    // The JVM refuses an AOT cache when a class path jar's modification time differs from the one it recorded
    // ("shared class paths mismatch"): the cache is made from this folder and used from the zip, whose entries all
    // carry the one timestamp, so the folder's files carry it too.
    for (Path file : Folders.files(stage)) {
      Files.setLastModifiedTime(file, timestamp);
    }
    return classpath;
  }

  /**
   * What the bootstrap compares before it uses the cache: the cache's and each class path jar's size and path, as
   * {@code stat --printf '%s %n;'} prints them, on one line (read by the shell's read, without a process).
   */
  static void recordCacheJars(Path stage, List<String> classpath) throws IOException {
    StringBuilder line = new StringBuilder();
    for (String jar : Stream.concat(Stream.of(CACHE), classpath.stream()).toList()) {
      line.append(Files.size(stage.resolve(jar))).append(' ').append(jar).append(';');
    }
    Files.writeString(stage.resolve(CACHE_JARS), line.append('\n').toString());
  }

  private static void extractJniLibrary(Path jar, Path target) throws IOException {
    try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
      Path library = zip.getPath("jni", jniName());
      if (Files.isRegularFile(library)) {
        Files.copy(library, target);
      }
    }
  }

  /** The glibc library for this machine's architecture: the zip runs on the architecture it was built on. */
  private static String jniName() {
    return "libaws-lambda-jni.linux-" + (System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
  }
}
