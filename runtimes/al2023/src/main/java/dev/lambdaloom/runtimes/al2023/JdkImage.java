package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one JDK image every custom-runtime zip carries: {@code jlink} of the modules {@code jdeps} finds in all the
 * functions' jars and the runtime client's, without debug data, man pages or headers. Kept between builds while the
 * module list is the same (jlink takes ~20 s; jdeps over all the jars ~15 s, also kept while the jars are the same).
 *
 * <p>The image's module file is left uncompressed: the zip deflates it better than jlink's per-class compression
 * (measured for hello's modules: 22.0 MB zipped against 26.7 MB with {@code --compress zip-6}; 67 MB against 47 MB
 * unzipped, far below Lambda's 250 MB), and classes the AOT cache lacks load without inflating.
 */
final class JdkImage {
  /**
   * Found by jdeps but left out: java.desktop (12 MB) is referenced only by the runtime client's shaded Jackson, for
   * the java.beans annotations it looks up optionally. Every function's training run starts it without them.
   */
  private static final Set<String> LEFT_OUT = Set.of("java.desktop");
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

  private JdkImage() {
  }

  /** The image's folder, made or reused. */
  static Path ensure(Path jdk, Collection<Path> jars, Path out) throws IOException, InterruptedException {
    Path modulesKey = out.resolve("jre.jars");
    Path modulesFile = out.resolve("jre.modules");
    Path image = out.resolve("jre");
    String jarsKey = jarsKey(jars);
    String modules;
    if (Files.isRegularFile(modulesKey) && Files.readString(modulesKey).equals(jarsKey) && Files.isRegularFile(modulesFile)) {
      modules = Files.readString(modulesFile);
    } else {
      modules = modules(jdk, jars);
      Files.writeString(modulesFile, modules);
      Files.writeString(modulesKey, jarsKey);
    }
    Path builtFor = out.resolve("jre.built-for");
    if (Files.isDirectory(image) && Files.isRegularFile(builtFor) && Files.readString(builtFor).equals(modules)) {
      return image;
    }
    Files.deleteIfExists(builtFor);
    Folders.deleteTree(image);
    Commands.run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", modules, "--strip-debug", "--no-man-pages",
        "--no-header-files", "--output", image.toString()), out, TOOL_TIMEOUT, "jlink");
    Files.writeString(builtFor, modules);
    return image;
  }

  private static String modules(Path jdk, Collection<Path> jars) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/jdeps").toString(), "-q", "--print-module-deps",
        "--ignore-missing-deps", "--multi-release", "25", "--class-path",
        String.join(":", jars.stream().map(Path::toString).toList())));
    jars.forEach(jar -> command.add(jar.toString()));
    String found = Commands.run(command, jdk, TOOL_TIMEOUT, "jdeps").strip();
    // What jdeps cannot see (a module only loaded by name) would fail the training run, which starts every function.
    TreeSet<String> modules = new TreeSet<>(List.of(found.split(",")));
    modules.removeAll(LEFT_OUT);
    return String.join(",", modules);
  }

  private static String jarsKey(Collection<Path> jars) throws IOException {
    StringBuilder key = new StringBuilder();
    for (Path jar : new TreeSet<>(jars)) {
      key.append(jar).append(' ').append(Files.size(jar)).append('\n');
    }
    return key.toString();
  }
}
