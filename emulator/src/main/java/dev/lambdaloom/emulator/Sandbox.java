package dev.lambdaloom.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lambda's resource model for one container: memory capped at MemorySize (the kernel kills the
 * process beyond it) and, after init, a CPU share proportional to memory (1,769 MB = one vCPU).
 * Lambda lets init run at full speed, so the CPU quota only starts when the runtime asks for its
 * first event.
 *
 * <p>Done with cgroup v1 controllers where this process may create child groups (root on most Linux
 * machines with v1); elsewhere {@link #unavailable} keeps only the JVM's own heap limits, and
 * {@link Factory#describe()} says so.
 *
 * <p>A runtime's clock starts once its process is inside the sandbox ({@link #start}): on Lambda the init phase
 * begins in an execution environment that already exists, and moving a process into a cgroup v1 group waits for a
 * kernel RCU grace period (10-15 ms on these machines, more than a native runtime's whole init), which no runtime
 * should be measured for.
 */
abstract sealed class Sandbox implements AutoCloseable {
  private static final long CPU_PERIOD_MICROS = 100_000;
  private static final Duration REMOVAL_PATIENCE = Duration.ofSeconds(1);
  /** Distinguishes the emulators of one process, so their groups never share a name. */
  private static final AtomicInteger FACTORIES = new AtomicInteger();

  /** A runtime process and the moment (System.nanoTime) it was let go inside its sandbox: its init starts there. */
  record Started(Process process, long startedNanos) {}

  /**
   * Starts the builder's command inside this sandbox, its output and errors appended to {@code log} and its input
   * empty, as the builder's own redirects would have done.
   */
  abstract Started start(ProcessBuilder builder, Path log) throws IOException;

  /** Init is over: from now on the function gets its share of a CPU. */
  abstract void limitCpu();

  /** True when the kernel killed something in this sandbox for exceeding its memory. */
  abstract boolean outOfMemoryKilled();

  @Override
  public abstract void close();

  /** Creates sandboxes; one per emulator. */
  static final class Factory implements AutoCloseable {
    private final Path memoryRoot;
    private final Path cpuRoot;
    private final AtomicInteger sequence = new AtomicInteger();
    private final String description;

    private Factory(Path memoryRoot, Path cpuRoot, String description) {
      this.memoryRoot = memoryRoot;
      this.cpuRoot = cpuRoot;
      this.description = description;
    }

    /** Uses cgroups when asked for and possible. */
    static Factory detect(boolean wanted) {
      if (!wanted) {
        return new Factory(null, null, "off (--no-limits): JVM heap flags only, no memory cap, no CPU share");
      }
      Optional<Path> memory = ownGroup("memory");
      Optional<Path> cpu = ownGroup("cpu");
      if (memory.isPresent() && cpu.isPresent()) {
        String name = "lambdaloom-" + ProcessHandle.current().pid() + "-" + FACTORIES.incrementAndGet();
        Path memoryRoot = memory.get().resolve(name);
        Path cpuRoot = cpu.get().resolve(name);
        try {
          Files.createDirectories(memoryRoot);
          Files.createDirectories(cpuRoot);
          return new Factory(memoryRoot, cpuRoot,
              "cgroup v1: memory capped at MemorySize, CPU share MemorySize/" + LambdaCpu.MB_PER_VCPU + " vCPU after init");
        } catch (IOException | SecurityException e) {
          deleteQuietly(memoryRoot);
          deleteQuietly(cpuRoot);
          return new Factory(null, null, "unavailable (cannot create " + memoryRoot + " or " + cpuRoot + ": " + e
              + "): JVM heap flags only, no memory cap, no CPU share");
        }
      }
      return new Factory(null, null,
          "unavailable (cgroup v1 memory/cpu not writable here): JVM heap flags only, no memory cap, no CPU share");
    }

    String describe() {
      return description;
    }

    boolean enforcing() {
      return memoryRoot != null;
    }

    Sandbox create(int memoryMb) {
      if (memoryRoot == null) {
        return new Unavailable();
      }
      String name = "c" + sequence.incrementAndGet();
      Path memoryGroup = memoryRoot.resolve(name);
      Path cpuGroup = cpuRoot.resolve(name);
      try {
        Files.createDirectories(memoryGroup);
        Files.createDirectories(cpuGroup);
        long bytes = memoryMb * 1024L * 1024L;
        Files.writeString(memoryGroup.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        Path swap = memoryGroup.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(swap)) {
          Files.writeString(swap, Long.toString(bytes));
        }
        Files.writeString(memoryGroup.resolve("memory.swappiness"), "0");
        return new CgroupV1(memoryGroup, cpuGroup, memoryMb);
      } catch (IOException e) {
        deleteQuietly(memoryGroup);
        deleteQuietly(cpuGroup);
        // The emulator said it enforces Lambda's limits: a container without them would measure something else.
        throw new UncheckedIOException("cannot set up the sandbox (cgroup " + memoryGroup + ") for a "
            + memoryMb + " MB function; --no-limits runs without one", e);
      }
    }

    @Override
    public void close() {
      if (memoryRoot != null) {
        deleteQuietly(memoryRoot);
        deleteQuietly(cpuRoot);
      }
    }

    /** This process's own group of a v1 controller, if this process may create child groups in it. */
    private static Optional<Path> ownGroup(String controller) {
      Path mount = Path.of("/sys/fs/cgroup", controller);
      Path self = Path.of("/proc/self/cgroup");
      if (!Files.isDirectory(mount) || !Files.isReadable(self)) {
        return Optional.empty();
      }
      try {
        for (String line : Files.readAllLines(self)) {
          String[] parts = line.split(":", 3);
          if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
            Path group = mount.resolve(parts[2].substring(1));
            return Files.isWritable(group) && Files.exists(group.resolve("cgroup.procs"))
                ? Optional.of(group) : Optional.empty();
          }
        }
      } catch (IOException e) {
        return Optional.empty();
      }
      return Optional.empty();
    }
  }

  private static final class CgroupV1 extends Sandbox {
    private static final byte[] ENTERED = "entered\n".getBytes(StandardCharsets.US_ASCII);
    private final Path memoryGroup;
    private final Path cpuGroup;
    private final int memoryMb;

    CgroupV1(Path memoryGroup, Path cpuGroup, int memoryMb) {
      this.memoryGroup = memoryGroup;
      this.cpuGroup = cpuGroup;
      this.memoryMb = memoryMb;
    }

    /**
     * A shell joins both groups, says so on its output, waits for a line on its input, and then becomes the runtime
     * (output to the log, input empty), so nothing of the runtime runs outside the groups and its clock starts at
     * that line. A shell that cannot join writes why to the log and ends; the container then sees the exit.
     */
    @Override
    Started start(ProcessBuilder builder, Path log) throws IOException {
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
          "echo $$ > \"$1/cgroup.procs\" && echo $$ > \"$2/cgroup.procs\" && echo entered && read -r go && shift 2"
              + " && exec \"$@\" </dev/null >&2",
          "lambdaloom-sandbox", memoryGroup.toString(), cpuGroup.toString()));
      command.addAll(builder.command());
      Process process = builder.command(command)
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.PIPE)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      try (InputStream said = process.getInputStream(); OutputStream go = process.getOutputStream()) {
        // Returns at the shell's line, or early at its end when it could not join (nothing is let go then).
        boolean entered = Arrays.equals(said.readNBytes(ENTERED.length), ENTERED);
        long startedNanos = System.nanoTime();
        if (entered) {
          go.write('\n');
        }
        return new Started(process, startedNanos);
      } catch (IOException e) {
        // The shell ended before its gate (a closed pipe); its exit and its words in the log say the rest.
        return new Started(process, System.nanoTime());
      }
    }

    @Override
    void limitCpu() {
      long quota = Math.max(1000, Math.round(LambdaCpu.vcpus(memoryMb) * CPU_PERIOD_MICROS));
      try {
        Files.writeString(cpuGroup.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_MICROS));
        Files.writeString(cpuGroup.resolve("cpu.cfs_quota_us"), Long.toString(quota));
      } catch (IOException e) {
        // The process may already be gone; nothing to limit then.
      }
    }

    @Override
    boolean outOfMemoryKilled() {
      try {
        for (String line : Files.readAllLines(memoryGroup.resolve("memory.oom_control"))) {
          if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
            return true;
          }
        }
        return false;
      } catch (IOException | NumberFormatException e) {
        return false;
      }
    }

    @Override
    public void close() {
      deleteQuietly(memoryGroup);
      deleteQuietly(cpuGroup);
    }
  }

  private static final class Unavailable extends Sandbox {
    @Override
    Started start(ProcessBuilder builder, Path log) throws IOException {
      builder.redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      long startedNanos = System.nanoTime();
      return new Started(builder.start(), startedNanos);
    }

    @Override
    void limitCpu() {}

    @Override
    boolean outOfMemoryKilled() {
      return false;
    }

    @Override
    public void close() {}
  }

  static Sandbox unavailable() {
    return new Unavailable();
  }

  /**
   * Removes a cgroup (rmdir) and any child groups left behind. The kernel may refuse for a moment
   * after the last process exits, so it tries again for up to a second before giving up quietly.
   */
  private static void deleteQuietly(Path group) {
    if (!Files.isDirectory(group)) {
      return;
    }
    try (var children = Files.list(group)) {
      children.filter(Files::isDirectory).forEach(Sandbox::deleteQuietly);
    } catch (IOException e) {
      // Listing failed: the rmdir below says whether it matters.
    }
    long giveUpAt = System.nanoTime() + REMOVAL_PATIENCE.toNanos();
    while (true) {
      try {
        Files.deleteIfExists(group);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > giveUpAt) {
          return; // still busy; a stray empty group is harmless
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
  }
}
