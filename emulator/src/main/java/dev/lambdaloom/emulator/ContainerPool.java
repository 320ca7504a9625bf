package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution environments of one function: launches them, hands out a warm one when there is one, takes them
 * back when their runtime asks for more work, reaps the ones idle too long and forgets the ones that are gone.
 *
 * <p>Every container is in {@code live} from its launch until its process is gone, and then also in exactly one of
 * {@code busy} (launched, running an event, or finishing one) and {@code idle} (its runtime waits in
 * invocation/next), unless retired. The three sets and {@code closed} are guarded by {@code lock}; containers
 * themselves are only called outside it.
 */
final class ContainerPool implements AutoCloseable {
  /** How long a new event waits for a container that has answered but not yet asked for more. */
  private static final Duration FINISHING_WAIT = Duration.ofSeconds(2);
  private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(15);

  private final FunctionConfig config;
  private final FunctionHost.Environment environment;
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile Path taskRoot;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Container> idle = new ArrayDeque<>();
  private final Set<Container> busy = new HashSet<>();
  private final Set<Container> live = new HashSet<>();
  private boolean closed;

  ContainerPool(FunctionConfig config, FunctionHost.Environment environment) {
    this.config = config;
    this.environment = environment;
  }

  /**
   * Starts a new container, busy from the start (its init is running).
   *
   * @throws InvalidEntrypointException when the code cannot start a runtime
   */
  Container launch() {
    Path root = taskRoot;
    if (root == null) {
      root = environment.unpacker().taskRoot(config.codeUri());
      taskRoot = root;
    }
    String id = HexFormat.of().formatHex(randomBytes(16));
    Path directory = environment.workDirectory().resolve("containers")
        .resolve(config.name() + "-" + sequence.incrementAndGet());
    Path tmp = directory.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + tmp, e);
    }
    Container.LaunchPlan plan = environment.plans().plan(config, root, tmp, id);
    Sandbox sandbox = environment.sandboxes().create(config.memoryMb());
    Container container = Container.launch(id, directory, sandbox, plan, this::becameIdle, this::exited);
    boolean tooLate;
    lock.lock();
    try {
      tooLate = closed;
      live.add(container);
      busy.add(container);
    } finally {
      lock.unlock();
    }
    if (tooLate) {
      container.kill(); // the pool closed while it started: it must not outlive it
    }
    return container;
  }

  /** A warm container, waiting briefly for one that has answered and is about to ask for more; null if none. */
  Container takeWarm() throws InterruptedException {
    long waitUntil = System.nanoTime() + FINISHING_WAIT.toNanos();
    lock.lock();
    try {
      while (true) {
        while (!idle.isEmpty()) {
          Container container = idle.pollFirst();
          if (container.alive()) {
            busy.add(container);
            return container;
          }
        }
        boolean finishing = busy.stream().anyMatch(Container::finishing);
        long left = waitUntil - System.nanoTime();
        if (closed || !finishing || left <= 0) {
          return null;
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes a container out of service and kills it. */
  void retire(Container container) {
    lock.lock();
    try {
      busy.remove(container);
      idle.remove(container);
    } finally {
      lock.unlock();
    }
    container.kill();
  }

  /** Kills the containers idle for longer than {@code idleTimeout}. */
  void reapIdle(Duration idleTimeout) {
    long cutoff = System.nanoTime() - idleTimeout.toNanos();
    List<Container> expired = new ArrayList<>();
    lock.lock();
    try {
      idle.removeIf(container -> {
        if (container.idleSinceNanos() < cutoff) {
          expired.add(container);
          return true;
        }
        return false;
      });
    } finally {
      lock.unlock();
    }
    expired.forEach(Container::kill);
  }

  /** Containers alive now, busy or idle. */
  int live() {
    lock.lock();
    try {
      return live.size();
    } finally {
      lock.unlock();
    }
  }

  private void becameIdle(Container container) {
    lock.lock();
    try {
      if (busy.remove(container) && container.alive()) {
        idle.addFirst(container);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void exited(Container container) {
    lock.lock();
    try {
      live.remove(container);
      busy.remove(container);
      idle.remove(container);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().start(container::close); // removes its folder once it is gone
  }

  /** Stops every container and waits, a bounded time, for each to be gone. */
  @Override
  public void close() {
    List<Container> all;
    lock.lock();
    try {
      closed = true;
      all = new ArrayList<>(live);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    List<Thread> closing = new ArrayList<>();
    for (Container container : all) {
      closing.add(Thread.ofVirtual().start(container::close));
    }
    long giveUpAt = System.nanoTime() + CLOSE_PATIENCE.toNanos();
    for (Thread thread : closing) {
      try {
        thread.join(Duration.ofNanos(Math.max(1, giveUpAt - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
