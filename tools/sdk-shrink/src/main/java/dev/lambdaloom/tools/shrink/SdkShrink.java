package dev.lambdaloom.tools.shrink;

import com.android.tools.r8.ArchiveClassFileProvider;
import com.android.tools.r8.ArchiveProgramResourceProvider;
import com.android.tools.r8.CompilationFailedException;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.R8;
import com.android.tools.r8.R8Command;
import com.android.tools.r8.origin.Origin;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Shrinks a function's AWS SDK jars to what the function can reach, with R8, for its deployment zip.
 *
 * <p>The SDK's client interfaces name every operation of a service, so a function that calls three operations still
 * ships the models and marshallers of all of them: the DynamoDB and S3 jars alone are 7 MB. S3's endpoint interceptor
 * also casts the request to every request class of the service, so a shrinker that keeps whatever code names (as
 * ProGuard does, and R8 in its ProGuard-compatibility mode) keeps every model with its builder. R8 in its full mode
 * keeps the methods of a class only if something creates an instance of it: the models of the operations a function
 * never calls go (S3ProbeFunction's SDK jar 5.2 -> 3.3 MB). Nothing is renamed or optimised (class names stay, stack
 * traces read as usual), with one rewrite R8 makes in any mode: code that can only run on an instance of a class
 * nothing creates (the interceptor's branch for an operation never called) becomes {@code throw null}, and a cast to
 * such a class a check that throws. The same analysis is why what is created only by reflection must be kept by a
 * rule. The function's classes and the project's jars are the roots and stay as they are; every other
 * jar (Netty, the CRT, Jackson, the Lambda libraries) is only read. What the SDK loads by name (its interceptors, its
 * HTTP clients through ServiceLoader, the same list it declares for GraalVM native images) is kept by the rules in
 * {@code build/sdk-shrink.pro}. Each function's integration test then runs the shrunk zip in the emulator.
 *
 * <p>Run by the function modules' {@code sdk-shrink} execution (exec:java, in Maven's JVM: it never exits the JVM;
 * a failure is an exception naming the fix).
 */
public final class SdkShrink {

  private SdkShrink() {}

  public static void main(String[] args) {
    ShrinkOptions options = ShrinkOptions.parse(args);
    long before = totalSize(options.sdk());
    run(options);
    long after = size(options.out());
    System.out.printf("sdk-shrink: %d SDK jars, %,d bytes -> %s, %,d bytes%n", options.sdk().size(), before,
        options.out().getFileName(), after);
  }

  static void run(ShrinkOptions options) {
    SdkResources resources = SdkResources.of(options.sdk());
    if (!resources.conflicts().isEmpty()) {
      throw new IllegalStateException("SDK jars hold different files of the same name, and the shrunk jar can hold "
          + "one only: " + resources.conflicts() + ". Such files have to be merged into one (as a services file is) "
          + "before shrinking; SdkResources is where that would go");
    }
    List<Path> jdk = JdkLibrary.extract(options.jdkModules(), options.jdkClasses());
    List<Closeable> opened = new ArrayList<>();
    ShrunkJar jar = new ShrunkJar(options.out(), options.work(), resources);
    try {
      Files.deleteIfExists(options.out());
      R8.run(command(options, jar, jdk, opened));
      jar.publish();
    } catch (CompilationFailedException e) {
      discard(jar);
      throw new IllegalStateException("shrinking the SDK for " + options.classes() + " failed (R8's errors are "
          + "printed above). A class that cannot be found: add its jar to the runtime classpath, or its JDK "
          + "module to --jdk-modules, or name it in --dontwarn if the zip leaves it out on purpose. A class the SDK "
          + "loads by name: add a -keep rule to " + options.rules(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the jars to shrink for " + options.classes(), e);
    } finally {
      closeAll(opened);
    }
  }

  /**
   * The roots and the SDK are R8's program (R8 writes the roots out too; {@link ShrunkJar} drops them); every other jar
   * of the function is its class path and the JDK's modules its library, both read only. The providers that hold a jar
   * open are added to {@code opened}.
   */
  private static R8Command command(ShrinkOptions options, ShrunkJar out, List<Path> jdk, List<Closeable> opened)
      throws IOException, CompilationFailedException {
    R8Command.Builder builder = R8Command.builder(new PrintedDiagnostics())
        .setMode(CompilationMode.RELEASE)
        // Full mode: methods kept only in classes something instantiates (the reason R8 is used at all).
        .setProguardCompatibility(false)
        .setProgramConsumer(out)
        .addProguardConfigurationFiles(options.rules())
        .addProgramFiles(classFiles(options.classes()));
    List<String> dontWarn = options.dontWarn().stream().map(pattern -> "-dontwarn " + pattern).toList();
    builder.addProguardConfiguration(dontWarn, Origin.unknown());
    for (Path jar : concat(options.own(), options.sdk())) {
      builder.addProgramResourceProvider(ArchiveProgramResourceProvider.fromArchive(jar, SdkShrink::readClass));
    }
    Set<String> earlier = new HashSet<>();
    for (Path jar : options.library()) {
      Set<String> served = firstOnClasspath(jar, earlier);
      ArchiveClassFileProvider library = new ArchiveClassFileProvider(jar, served::contains);
      opened.add(library);
      builder.addClasspathResourceProvider(library);
    }
    for (Path module : jdk) {
      ArchiveClassFileProvider library = new ArchiveClassFileProvider(module);
      opened.add(library);
      builder.addLibraryResourceProvider(library);
    }
    return builder.build();
  }

  /** A jar's classes, without a module descriptor or the versioned copies of a multi-release jar. */
  private static boolean readClass(String entry) {
    return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class");
  }

  /**
   * The classes of {@code jar} no earlier jar of the class path holds (added to {@code earlier}): as for the JVM, the
   * first copy of a class wins. Parquet's jars each carry the same shaded classes, which R8 refuses twice.
   */
  private static Set<String> firstOnClasspath(Path jar, Set<String> earlier) throws IOException {
    Set<String> served = new HashSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        if (readClass(entry.getName()) && earlier.add(entry.getName())) {
          served.add(entry.getName());
        }
      }
    }
    return served;
  }

  private static List<Path> classFiles(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(file -> file.toString().endsWith(".class")).sorted().toList();
    }
  }

  private static List<Path> concat(List<Path> first, List<Path> second) {
    List<Path> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static void discard(ShrunkJar jar) {
    try {
      jar.discard();
    } catch (IOException e) {
      System.err.println("sdk-shrink: could not delete the unfinished jar of a failed run: " + e);
    }
  }

  private static void closeAll(List<Closeable> opened) {
    for (Closeable closeable : opened) {
      try {
        closeable.close();
      } catch (IOException e) {
        System.err.println("sdk-shrink: could not close " + closeable + ": " + e);
      }
    }
  }

  private static long totalSize(List<Path> jars) {
    return jars.stream().mapToLong(SdkShrink::size).sum();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the size of " + file, e);
    }
  }
}
