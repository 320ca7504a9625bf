package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that send their headers and then too little of the body, by hand on a socket. */
class RequestBodyDeadlineTest {
  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** How long the tests wait for what should happen soon after the deadline; generous, never reached when it works. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** What the handler saw: how its read of the body ended. */
  private final BlockingQueue<String> seen = new ArrayBlockingQueue<>(16);

  private LoopbackHttpServer serve(HttpHandler handler) throws IOException {
    return LoopbackHttpServer.start(0, 16, Map.of("/", handler), List.of(new RequestBodyDeadline(DEADLINE)));
  }

  private void readBodyThenAnswer(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        int length = exchange.getRequestBody().readAllBytes().length;
        seen.add("read " + length);
      } catch (IOException e) {
        seen.add(e.getClass().getSimpleName());
        throw e;
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static String headers(int port, int contentLength) {
    return "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  @Test
  void aBodyThatStopsArrivingHasItsConnectionClosedAtTheDeadline() throws Exception {
    try (LoopbackHttpServer server = serve(this::readBodyThenAnswer); RawHttp client = RawHttp.connect(server.port())) {
      long start = System.nanoTime();
      client.send(headers(server.port(), 1000) + "0123456789");

      assertThat(client.awaitClosed(PATIENCE)).as("connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE);
      assertThat(seen.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("BodyTimeoutException");
    }
  }

  @Test
  void aTricklingBodyIsCutAtTheDeadlineHoweverOftenBytesArrive() throws Exception {
    try (LoopbackHttpServer server = serve(this::readBodyThenAnswer); RawHttp client = RawHttp.connect(server.port())) {
      long start = System.nanoTime();
      client.send(headers(server.port(), 100_000));
      Thread trickle = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            client.send(new byte[] {'x'});
            Thread.sleep(20); // the pace of a slowloris client, far below the deadline
          }
        } catch (IOException | InterruptedException e) {
          // closed by the server, or by the test
        }
      });

      assertThat(client.awaitClosed(PATIENCE)).as("connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE);
      assertThat(seen.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("BodyTimeoutException");
      trickle.interrupt();
      trickle.join();
    }
  }

  @Test
  void aHandlerThatAnswersWithoutReadingTheBodyDoesNotWaitForItsRest() throws Exception {
    CountDownLatch returned = new CountDownLatch(1);
    HttpHandler refuseAtOnce = exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(403, -1); // the server then reads what is left of the body: never comes
      } finally {
        returned.countDown();
      }
    };
    try (LoopbackHttpServer server = serve(refuseAtOnce); RawHttp client = RawHttp.connect(server.port())) {
      client.send(headers(server.port(), 1_000_000) + "partial");

      assertThat(client.readResponse().status()).isEqualTo(403);
      assertThat(returned.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("handler returned").isTrue();
      assertThat(client.awaitClosed(PATIENCE)).as("connection closed").isTrue();
    }
  }

  @Test
  void workAfterTheBodyHasArrivedIsNotCutShort() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpHandler slowAfterBody = exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        try {
          release.await();
          seen.add("worked on, interrupted: " + Thread.currentThread().isInterrupted());
        } catch (InterruptedException e) {
          seen.add("interrupted");
        }
        exchange.sendResponseHeaders(200, -1);
      }
    };
    try (LoopbackHttpServer server = serve(slowAfterBody); RawHttp client = RawHttp.connect(server.port())) {
      long start = System.nanoTime();
      client.send(headers(server.port(), 2) + "{}");
      while (System.nanoTime() - start < DEADLINE.multipliedBy(2).toNanos()) {
        Thread.sleep(DEADLINE.toMillis() / 5); // the point of this test is time passing beyond the deadline
      }
      release.countDown();

      assertThat(client.readResponse().status()).isEqualTo(200);
      assertThat(seen.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("worked on, interrupted: false");
    }
  }

  @Test
  void aWholeBodyIsReadAsSent() throws Exception {
    try (LoopbackHttpServer server = serve(this::readBodyThenAnswer)) {
      RawHttp.Response response = RawHttp.exchange(server.port(),
          headers(server.port(), 5).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + "hello");

      assertThat(response.status()).isEqualTo(200);
      assertThat(seen.poll()).isEqualTo("read 5");
    }
  }
}
