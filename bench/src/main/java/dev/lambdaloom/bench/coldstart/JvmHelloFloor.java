package dev.lambdaloom.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JVM's own floor: {@code java -cp . Hello} with the default CDS archive, process start to exit. */
final class JvmHelloFloor {
  private static final String SOURCE = """
      public class Hello {
        public static void main(String[] args) {
          System.out.println("Hello");
        }
      }
      """;

  private final Path javaHome;
  private final Path folder;

  private JvmHelloFloor(Path javaHome, Path folder) {
    this.javaHome = javaHome;
    this.folder = folder;
  }

  /** Compiles Hello and runs it once, not counted (the disk cache). */
  static JvmHelloFloor prepare(Path javaHome, Path work) throws IOException, InterruptedException {
    Path folder = Files.createDirectories(work.resolve("jvm-hello"));
    Files.writeString(folder.resolve("Hello.java"), SOURCE);
    exec(List.of(javaHome.resolve("bin/javac").toString(), "Hello.java"), folder);
    JvmHelloFloor floor = new JvmHelloFloor(javaHome, folder);
    floor.once();
    return floor;
  }

  /** One run, process start to exit, in ms. */
  double once() throws IOException, InterruptedException {
    long start = System.nanoTime();
    exec(List.of(javaHome.resolve("bin/java").toString(), "-cp", ".", "Hello"), folder);
    return (System.nanoTime() - start) / 1e6;
  }

  private static void exec(List<String> command, Path folder) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("the JVM hello world failed: " + String.join(" ", command));
    }
  }
}
