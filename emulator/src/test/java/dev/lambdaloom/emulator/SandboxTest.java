package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a runtime process enters its sandbox: inside both groups before its command runs, as the process started. */
class SandboxTest {
  /** Prints the process's groups, its own input (empty) and whether it is the process that was started. */
  private static final List<String> REPORTING_RUNTIME = List.of("/bin/sh", "-c",
      "cat /proc/self/cgroup; echo \"input: [$(cat)]\"; echo 'to stderr' >&2; echo \"pid $$\"");

  @TempDir Path dir;
  private Sandbox.Factory factory;

  @BeforeEach
  void detect() {
    factory = Sandbox.Factory.detect(true);
  }

  @AfterEach
  void close() {
    factory.close();
  }

  @Test
  void theRuntimeRunsInsideBothGroupsAsTheProcessThatWasStartedWithItsStreamsInTheLog() throws Exception {
    assumeTrue(factory.enforcing(), "needs writable cgroup v1 groups: " + factory.describe());
    Path log = dir.resolve("output.log");
    try (Sandbox sandbox = factory.create(128)) {
      long before = System.nanoTime();

      Sandbox.Started started = sandbox.start(new ProcessBuilder(REPORTING_RUNTIME), log);

      assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(started.process().exitValue()).isZero();
      assertThat(started.startedNanos()).isGreaterThan(before);
      String output = Files.readString(log);
      String group = "/lambdaloom-" + ProcessHandle.current().pid() + "-";
      assertThat(output.lines().filter(line -> controllers(line).contains("memory") || controllers(line).contains("cpu")))
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains(group));
      // The shell that joined the groups became the runtime: same process, its input empty, both streams logged.
      assertThat(output).contains("input: []", "to stderr", "pid " + started.process().pid());
      assertThat(output).doesNotContain("entered");
    }
  }

  /** The controllers of a /proc/self/cgroup line ("4:memory:/path", "1:cpu,cpuacct:/path"). */
  private static List<String> controllers(String line) {
    String[] parts = line.split(":", 3);
    return parts.length == 3 ? List.of(parts[1].split(",")) : List.of();
  }

  @Test
  void aSandboxThatCannotBeEnteredEndsTheProcessWithTheReasonInTheLog() throws Exception {
    assumeTrue(factory.enforcing(), "needs writable cgroup v1 groups: " + factory.describe());
    Path log = dir.resolve("output.log");
    Sandbox sandbox = factory.create(128);
    sandbox.close(); // its groups are gone: the shell cannot join them

    Sandbox.Started started = sandbox.start(new ProcessBuilder(REPORTING_RUNTIME), log);

    assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(started.process().exitValue()).isNotZero();
    assertThat(Files.readString(log)).contains("cgroup.procs").doesNotContain("input:");
  }

  @Test
  void withoutCgroupsTheRuntimeStartsDirectlyWithItsOutputInTheLog() throws Exception {
    Path log = dir.resolve("output.log");
    try (Sandbox sandbox = Sandbox.unavailable()) {
      Sandbox.Started started = sandbox.start(new ProcessBuilder(REPORTING_RUNTIME), log);

      assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(log)).contains("input: []", "to stderr", "pid " + started.process().pid());
    }
  }
}
