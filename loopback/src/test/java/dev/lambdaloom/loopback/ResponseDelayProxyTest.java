package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ResponseDelayProxyTest {
  private static final Duration DELAY = Duration.ofMillis(300);
  private static final byte[] BODY = new byte[1024 * 1024];

  static {
    Arrays.fill(BODY, (byte) 'x');
    BODY[BODY.length - 1] = 'y';
  }

  private static LoopbackHttpServer upstream() throws IOException {
    HttpHandler handler = exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, BODY.length);
        exchange.getResponseBody().write(BODY);
      }
    };
    return LoopbackHttpServer.start(0, 0, Map.of("/", handler));
  }

  private static byte[] get(String endpoint) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/object").toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      assertThat(connection.getResponseCode()).isEqualTo(200);
      return in.readAllBytes();
    }
  }

  /**
   * Only lower bounds on time: the delay can make an answer late, never early, however slow the machine; the
   * upper side is the test's timeout.
   */
  @Test
  void everyAnswerOnAKeptAliveConnectionComesAtLeastTheDelayLateAndWhole() throws Exception {
    try (LoopbackHttpServer server = upstream();
        ResponseDelayProxy proxy = ResponseDelayProxy.start(new InetSocketAddress("127.0.0.1", server.port()),
            DELAY)) {
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertThat(get(proxy.endpoint())).isEqualTo(BODY);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DELAY.multipliedBy(3));
    }
  }

  @Test
  void concurrentRequestsWaitTheirDelayAtTheSameTimeNotOneAfterTheOther() throws Exception {
    try (LoopbackHttpServer server = upstream();
        ResponseDelayProxy proxy = ResponseDelayProxy.start(new InetSocketAddress("127.0.0.1", server.port()),
            Duration.ofSeconds(2))) {
      int requests = 20;
      long start = System.nanoTime();
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) answers.add(threads.submit(() -> get(proxy.endpoint())));
        for (Future<byte[]> answer : answers) assertThat(answer.get()).isEqualTo(BODY);
      }
      // One after the other they would take 20 x 2 s; waiting together, one delay plus the transfers. The bound
      // is half the serial time: far above what twenty 1 MB transfers on loopback take on a slow machine.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2).multipliedBy(requests)
          .dividedBy(2));
    }
  }

  @Test
  void closeEndsOpenConnectionsAndStopsListening() throws Exception {
    LoopbackHttpServer server = upstream();
    ResponseDelayProxy proxy = ResponseDelayProxy.start(new InetSocketAddress("127.0.0.1", server.port()), DELAY);
    int port = proxy.port();
    assertThat(get(proxy.endpoint())).isEqualTo(BODY); // leaves a kept-alive connection open
    proxy.close();
    server.close();
    assertThat(ListeningSockets.ofThisProcessTree()).noneMatch(s -> s.port() == port);
  }
}
