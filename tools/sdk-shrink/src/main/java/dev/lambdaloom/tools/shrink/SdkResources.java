package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The non-class files of the SDK jars that go to the shrunk jar, which holds each name once.
 *
 * @param conflicts names held with different content by two jars, with the jars: one would be lost silently (a
 *     {@code META-INF/services} file or an {@code execution.interceptors} list merged from two jars would drop an HTTP
 *     client or an interceptor), so the build refuses them
 * @param sources each name written out, with the first jar that holds it: the SDK's LICENSE and NOTICE, in every jar
 *     with the same content, are read once
 */
record SdkResources(Map<String, List<Path>> conflicts, Map<String, Path> sources) {

  /** Receives one resource of the shrunk jar. */
  @FunctionalInterface
  interface Sink {
    void write(String name, byte[] content) throws IOException;
  }

  SdkResources {
    conflicts = Map.copyOf(conflicts);
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  static SdkResources of(List<Path> jars) {
    Map<String, Long> crcs = new LinkedHashMap<>();
    Map<String, List<Path>> holders = new LinkedHashMap<>();
    Map<String, List<Path>> conflicts = new LinkedHashMap<>();
    Map<String, Path> sources = new LinkedHashMap<>();
    for (Path jar : jars) {
      if (!jar.toString().endsWith(".jar")) {
        continue;
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (entry.isDirectory() || name.endsWith(".class") || !writtenOut(name)) {
            continue;
          }
          holders.computeIfAbsent(name, n -> new ArrayList<>()).add(jar);
          Long earlier = crcs.putIfAbsent(name, entry.getCrc());
          if (earlier == null) {
            sources.put(name, jar);
          } else if (earlier != entry.getCrc()) {
            conflicts.put(name, holders.get(name));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + jar, e);
      }
    }
    return new SdkResources(conflicts, sources);
  }

  /** Whether an SDK jar's entry goes to the shrunk jar; the rest is build metadata the SDK never reads. */
  static boolean writtenOut(String name) {
    return !(name.startsWith("META-INF/maven/") || name.startsWith("META-INF/native-image/")
        || name.startsWith("META-INF/versions/") || name.equals("META-INF/MANIFEST.MF")
        || name.equals("module-info.class"));
  }

  /** Hands every resource to {@code sink}, in the order the jars hold them, each name once. */
  void copyTo(Sink sink) throws IOException {
    Map<Path, List<String>> byJar = new LinkedHashMap<>();
    sources.forEach((name, jar) -> byJar.computeIfAbsent(jar, j -> new ArrayList<>()).add(name));
    for (Map.Entry<Path, List<String>> jar : byJar.entrySet()) {
      try (JarFile file = new JarFile(jar.getKey().toFile())) {
        for (String name : jar.getValue()) {
          try (InputStream content = file.getInputStream(file.getJarEntry(name))) {
            sink.write(name, content.readAllBytes());
          }
        }
      }
    }
  }
}
