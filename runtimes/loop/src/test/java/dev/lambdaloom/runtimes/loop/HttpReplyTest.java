package dev.lambdaloom.runtimes.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpReplyTest {
  private static HttpReply read(String wire) throws IOException {
    return HttpReply.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void readsAContentLengthBodyAndLeavesTheNextReplyOnTheStream() throws IOException {
    ByteArrayInputStream wire = new ByteArrayInputStream(("HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: r1\r\n"
        + "Content-Length: 2\r\n\r\n{}HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    HttpReply first = HttpReply.read(wire);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Lambda-Runtime-Aws-Request-Id")).isEqualTo("r1");
    assertThat(first.bodyText()).isEqualTo("{}");
    assertThat(first.closesConnection()).isFalse();
    assertThat(HttpReply.read(wire).status()).isEqualTo(202);
  }

  @Test
  void readsAChunkedBodyWithExtensionsAndTrailers() throws IOException {
    HttpReply reply = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\n"
        + "3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n");
    assertThat(reply.bodyText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void anUnframedOrHttp10ReplyRunsToTheEndAndClosesTheConnection() throws IOException {
    HttpReply reply = read("HTTP/1.0 200 OK\r\n\r\nall of it");
    assertThat(reply.bodyText()).isEqualTo("all of it");
    assertThat(reply.closesConnection()).isTrue();
  }

  @Test
  void refusesWhatIsNotHttpOrEndsEarlySayingWhat() {
    assertThatThrownBy(() -> read("")).isInstanceOf(EOFException.class).hasMessageContaining("before replying");
    assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n\r\n")).hasMessageContaining("not an HTTP/1.x status line");
    assertThatThrownBy(() -> read("HTTP/1.1 2xx OK\r\n\r\n")).hasMessageContaining("not an HTTP status");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")).hasMessageContaining("malformed header");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))
        .isInstanceOf(EOFException.class).hasMessageContaining("5 of 10 body bytes");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"))
        .hasMessageContaining("Content-Length out of range");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
        .hasMessageContaining("bad chunk size");
  }
}
