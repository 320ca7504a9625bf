package dev.lambdaloom.loopback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.x written by hand on a socket: for what well-behaved clients never send (a foreign Host, no Host, a body that
 * stops halfway, a malformed request line). Shared with other modules' tests through this module's test jar.
 */
public final class RawHttp implements AutoCloseable {
  private static final Duration READ_LIMIT = Duration.ofSeconds(60);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    socket.setSoTimeout((int) READ_LIMIT.toMillis());
  }

  public static RawHttp connect(int port) throws IOException {
    return new RawHttp(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Sends {@code request} as it is (CRLF line ends are the caller's) and reads the one response. */
  public static Response exchange(int port, String request) throws IOException {
    try (RawHttp http = connect(port)) {
      http.send(request);
      return http.readResponse();
    }
  }

  public void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A status line, headers and a Content-Length body (or, without one, the bytes up to the end of the stream). */
  public Response readResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new IOException("the server closed the connection without answering");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    byte[] body;
    List<String> length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.getFirst()));
    } else if (headers.containsKey("transfer-encoding")) {
      throw new IOException("chunked responses are not read here");
    } else {
      body = in.readAllBytes();
    }
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Reads until the server closes the connection, discarding what comes; true when it did within {@code limit}.
   */
  public boolean awaitClosed(Duration limit) throws IOException {
    socket.setSoTimeout((int) Math.max(1, limit.toMillis()));
    byte[] buffer = new byte[8192];
    try {
      while (in.read(buffer) >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset: closed as well
    } finally {
      socket.setSoTimeout((int) READ_LIMIT.toMillis());
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * @param headers by lower-case name
   */
  public record Response(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.getFirst();
    }
  }
}
