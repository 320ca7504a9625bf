package dev.lambdaloom.runtimes.al2023;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's tools (and the bootstrap's create step) as child processes and reads what they print. */
final class Commands {
  private Commands() {
  }

  /** The command's output (stdout and stderr together); a failure says what ran and what it printed. */
  static String run(List<String> command, Path directory, Duration timeout, String what)
      throws IOException, InterruptedException {
    return run(command, directory, Map.of(), timeout, what);
  }

  static String run(List<String> command, Path directory, Map<String, String> environment, Duration timeout, String what)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    // Read on another thread: a tool that prints more than the pipe holds would otherwise never end.
    StringBuilder output = new StringBuilder();
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.append("(output unreadable: ").append(e.getMessage()).append(')');
      }
    });
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s: " + String.join(" ", command));
    }
    reader.join();
    if (process.exitValue() != 0) {
      throw new IOException(what + " failed (exit " + process.exitValue() + "): " + String.join(" ", command)
          + "\n" + output);
    }
    return output.toString();
  }
}
