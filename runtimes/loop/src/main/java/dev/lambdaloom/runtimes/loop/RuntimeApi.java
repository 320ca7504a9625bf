package dev.lambdaloom.runtimes.loop;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda Runtime API (2018-06-01) over one kept-alive HTTP/1.1 socket: {@code invocation/next}, an invocation's
 * {@code response} or {@code error}, and {@code init/error}. Plain {@link Socket} on purpose: the JDK's HTTP clients
 * load hundreds of classes (proxy selection, cookies, authentication, URL handlers) that a loopback call to a known
 * address never uses, and AWS's client brings a JNI library that takes about 25 ms to load and connect.
 *
 * <p>Not thread-safe: the loop owns it and calls it from one thread, one request at a time (the Runtime API serves
 * one invocation at a time per runtime).
 */
final class RuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RuntimeApi(String address) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port, got " + address);
    }
    this.host = address.substring(0, colon);
    try {
      this.port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API must be host:port, got " + address, e);
    }
  }

  /** Blocks (no timeout: Lambda may freeze the environment while it waits) until there is an event. */
  HttpReply next() throws IOException {
    return exchange("GET", PREFIX + "invocation/next", null, null);
  }

  HttpReply respond(String requestId, byte[] payload) throws IOException {
    return exchange("POST", PREFIX + "invocation/" + requestId + "/response", payload, null);
  }

  HttpReply fail(String requestId, ErrorDocument error) throws IOException {
    return exchange("POST", PREFIX + "invocation/" + requestId + "/error", error.json(), error.errorType());
  }

  HttpReply failInit(ErrorDocument error) throws IOException {
    return exchange("POST", PREFIX + "init/error", error.json(), error.errorType());
  }

  private HttpReply exchange(String method, String path, byte[] body, String errorType) throws IOException {
    if (socket == null) {
      connect();
    }
    StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\n")
        .append("User-Agent: lambdaloom-lean-runtime\r\n");
    if (errorType != null) {
      head.append(ERROR_TYPE_HEADER).append(": ").append(headerSafe(errorType)).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try {
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      HttpReply reply = HttpReply.read(in);
      if (reply.closesConnection()) {
        close();
      }
      return reply;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket opened = new Socket();
    try {
      opened.setTcpNoDelay(true);
      opened.connect(new InetSocketAddress(host, port));
      in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
      out = new BufferedOutputStream(opened.getOutputStream(), 16 * 1024);
    } catch (IOException e) {
      opened.close();
      throw new IOException("cannot connect to the Runtime API at " + host + ":" + port, e);
    }
    socket = opened;
  }

  /** A header value is one line of visible ASCII: anything else would split or corrupt the request. */
  private static String headerSafe(String value) {
    StringBuilder safe = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      safe.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return safe.toString();
  }

  @Override
  public void close() {
    Socket open = socket;
    socket = null;
    in = null;
    out = null;
    if (open != null) {
      try {
        open.close();
      } catch (IOException e) {
        // closing a socket the server may already have closed: nothing to do
      }
    }
  }
}
