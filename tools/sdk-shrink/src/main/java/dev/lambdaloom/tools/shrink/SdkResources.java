package dev.lambdaloom.tools.shrink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param repeats per jar, the names an earlier jar already holds with the same content (the SDK's LICENSE and NOTICE
 *     are in every jar): read once, from the first
 */
record SdkResources(Map<String, List<Path>> conflicts, Map<Path, List<String>> repeats) {

  static SdkResources of(List<Path> jars) {
    Map<String, Long> crcs = new LinkedHashMap<>();
    Map<String, List<Path>> holders = new LinkedHashMap<>();
    Map<String, List<Path>> conflicts = new LinkedHashMap<>();
    Map<Path, List<String>> repeats = new LinkedHashMap<>();
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
            continue;
          }
          if (earlier == entry.getCrc()) {
            repeats.computeIfAbsent(jar, j -> new ArrayList<>()).add(name);
          } else {
            conflicts.put(name, holders.get(name));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + jar, e);
      }
    }
    return new SdkResources(conflicts, repeats);
  }

  /** Whether an SDK jar's entry goes to the shrunk jar; the rest is build metadata the SDK never reads. */
  static boolean writtenOut(String name) {
    return !(name.startsWith("META-INF/maven/") || name.startsWith("META-INF/native-image/")
        || name.startsWith("META-INF/versions/") || name.equals("META-INF/MANIFEST.MF")
        || name.equals("module-info.class"));
  }

  /** ProGuard's input filter for one SDK jar: its build metadata and its repeats left out. */
  String inputFilter(Path jar) {
    List<String> parts = new ArrayList<>(List.of("!META-INF/maven/**", "!META-INF/native-image/**",
        "!META-INF/versions/**", "!META-INF/MANIFEST.MF", "!module-info.class"));
    for (String name : repeats.getOrDefault(jar, List.of())) {
      parts.add("!" + name);
    }
    return String.join(",", parts);
  }
}
