package dev.lambdaloom.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  private JvmHelloFloor() {
  }

  static List<Double> measure(Path javaHome, Path work, int runs) throws IOException, InterruptedException {
    Path folder = Files.createDirectories(work.resolve("jvm-hello"));
    Files.writeString(folder.resolve("Hello.java"), SOURCE);
    exec(List.of(javaHome.resolve("bin/javac").toString(), "Hello.java"), folder);
    exec(List.of(javaHome.resolve("bin/java").toString(), "-cp", ".", "Hello"), folder); // once, not counted: disk cache
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      exec(List.of(javaHome.resolve("bin/java").toString(), "-cp", ".", "Hello"), folder);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return millis;
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
