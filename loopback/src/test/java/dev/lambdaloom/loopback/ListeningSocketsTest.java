package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets of this JVM and of a child process, as Linux's /proc reports them. */
class ListeningSocketsTest {
  /** A child JVM's start, many times over on a loaded machine. */
  private static final Duration CHILD_LISTENS_WITHIN = Duration.ofSeconds(60);

  @BeforeEach
  void linux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads Linux's /proc");
  }

  @Test
  void tellsALoopbackSocketFromAWildcardOneInThisJvm() throws IOException {
    try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         ServerSocket wildcard = new ServerSocket()) {
      wildcard.bind(new InetSocketAddress(0));

      List<ListeningSocket> sockets = ListeningSockets.ofThisProcessTree();

      long pid = ProcessHandle.current().pid();
      assertThat(sockets).filteredOn(s -> s.port() == loopback.getLocalPort())
          .singleElement().satisfies(s -> {
            assertThat(s.pid()).isEqualTo(pid);
            assertThat(s.address().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(s.loopbackOnly()).isTrue();
          });
      assertThat(sockets).filteredOn(s -> s.port() == wildcard.getLocalPort())
          .singleElement().satisfies(s -> {
            assertThat(s.pid()).isEqualTo(pid);
            assertThat(s.address().isAnyLocalAddress()).isTrue();
            assertThat(s.loopbackOnly()).isFalse();
          });
    }
  }

  @Test
  void findsTheSocketsOfAChildProcessAndWhoListensOnAPort(@TempDir Path dir) throws Exception {
    // The JDK's own jwebserver, bound to every interface, as a stand-in for a service's child process.
    Path jwebserver = Path.of(System.getProperty("java.home"), "bin", "jwebserver");
    assumeTrue(Files.isExecutable(jwebserver), "the JDK has bin/jwebserver");
    Process child = new ProcessBuilder(jwebserver.toString(), "-b", "0.0.0.0", "-p", "0", "-d", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    try {
      ListeningSocket socket = awaitListening(child);

      assertThat(socket.address().isAnyLocalAddress()).isTrue();
      assertThat(socket.loopbackOnly()).isFalse();
      assertThat(ListeningSockets.listeningOn(socket.port())).extracting(ProcessHandle::pid).contains(child.pid());
    } finally {
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void aPortNobodyListensOnHasNoOwners() throws IOException {
    int free = FreePort.find();

    assertThat(ListeningSockets.listeningOn(free)).isEmpty();
  }

  private static ListeningSocket awaitListening(Process child) throws InterruptedException {
    long deadline = System.nanoTime() + CHILD_LISTENS_WITHIN.toNanos();
    while (true) {
      Optional<ListeningSocket> found = ListeningSockets.ofThisProcessTree().stream()
          .filter(s -> s.pid() == child.pid()).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(child.isAlive()).as("the child is running").isTrue();
      assertThat(deadline - System.nanoTime()).as("time left for the child to listen (of " + CHILD_LISTENS_WITHIN + ")").isPositive();
      Thread.sleep(20);
    }
  }
}
