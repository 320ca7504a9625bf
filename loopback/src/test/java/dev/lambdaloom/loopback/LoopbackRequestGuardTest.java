package dev.lambdaloom.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopbackRequestGuardTest {
  private static final URI PATH = URI.create("/some/path");

  private static LoopbackRequestGuard.Verdict check(String protocol, URI target, Map<String, List<String>> headers) {
    Headers h = new Headers();
    headers.forEach(h::put);
    return LoopbackRequestGuard.check(protocol, target, h);
  }

  private static LoopbackRequestGuard.Verdict withHost(String host) {
    return check("HTTP/1.1", PATH, Map.of("Host", List.of(host)));
  }

  private static LoopbackRequestGuard.Verdict withOrigin(String origin) {
    return check("HTTP/1.1", PATH, Map.of("Host", List.of("127.0.0.1:9001"), "Origin", List.of(origin)));
  }

  @Test
  void loopbackHostNamesPassWithOrWithoutAPortInAnyCase() {
    for (String host : List.of("127.0.0.1", "127.0.0.1:9001", "localhost", "LocalHost:3000", "[::1]", "[::1]:80")) {
      assertThat(withHost(host)).as(host).isInstanceOf(LoopbackRequestGuard.Verdict.Allowed.class);
    }
  }

  @Test
  void anyOtherHostIsRefusedAsDnsRebindingWouldSendIt() {
    for (String host : List.of("evil.example", "evil.example:9001", "127.0.0.1.nip.io", "localhost.evil.example",
        "127.0.0.2", "[::2]", "0.0.0.0", "", "localhost:port", "localhost:123456", "localhost:9001 x")) {
      assertThat(withHost(host)).as("'" + host + "'").isInstanceOfSatisfying(LoopbackRequestGuard.Verdict.Refused.class,
          refused -> assertThat(refused.reason()).isNotBlank());
    }
    assertThat(check("HTTP/1.1", PATH, Map.of("Host", List.of("localhost", "evil.example"))))
        .isInstanceOf(LoopbackRequestGuard.Verdict.Refused.class);
  }

  @Test
  void aMissingHostPassesOnlyOnHttp10WhichHasNone() {
    assertThat(check("HTTP/1.0", PATH, Map.of())).isInstanceOf(LoopbackRequestGuard.Verdict.Allowed.class);
    assertThat(check("HTTP/1.1", PATH, Map.of())).isInstanceOf(LoopbackRequestGuard.Verdict.Refused.class);
  }

  @Test
  void anAbsoluteRequestUriMustNameTheLoopbackToo() {
    Map<String, List<String>> localHost = Map.of("Host", List.of("localhost"));
    assertThat(check("HTTP/1.1", URI.create("http://evil.example/some/path"), localHost))
        .isInstanceOf(LoopbackRequestGuard.Verdict.Refused.class);
    assertThat(check("HTTP/1.1", URI.create("http://localhost:9001/some/path"), localHost))
        .isInstanceOf(LoopbackRequestGuard.Verdict.Allowed.class);
  }

  @Test
  void onlyLoopbackPagesMayCallFromABrowser() {
    for (String origin : List.of("http://localhost:3000", "https://127.0.0.1", "HTTP://[::1]:8080")) {
      assertThat(withOrigin(origin)).as(origin).isInstanceOf(LoopbackRequestGuard.Verdict.Allowed.class);
    }
    for (String origin : List.of("null", "http://evil.example", "http://localhost.evil.example", "file://",
        "http://localhost:3000/path", "ftp://localhost", "http://127.0.0.1:3000@evil.example")) {
      assertThat(withOrigin(origin)).as(origin).isInstanceOf(LoopbackRequestGuard.Verdict.Refused.class);
    }
  }

  @Test
  void aRefusedRequestGetsTheServersOwnAnswerAndNeverReachesItsHandler() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    LoopbackRequestGuard guard = new LoopbackRequestGuard((exchange, reason) -> {
      byte[] body = ("{\"refused\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(403, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    try (LoopbackHttpServer server = LoopbackHttpServer.start(0, 16, Map.of("/", exchange -> {
      handled.incrementAndGet();
      answer(exchange);
    }), List.of(guard))) {
      RawHttp.Response refused = RawHttp.exchange(server.port(),
          "POST /x HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
      RawHttp.Response browser = RawHttp.exchange(server.port(),
          "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: null\r\nConnection: close\r\n\r\n");
      RawHttp.Response allowed = RawHttp.exchange(server.port(),
          "GET /x HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n");

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body()).contains("Host evil.example:" + server.port() + " is not a loopback name");
      assertThat(browser.status()).isEqualTo(403);
      assertThat(browser.body()).contains("Origin null");
      assertThat(allowed.status()).isEqualTo(200);
      assertThat(handled).hasValue(1);
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(200, -1);
    }
  }
}
