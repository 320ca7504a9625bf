package dev.lambdaloom.runtimes.loop;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 reply read off the Runtime API's socket: status, headers (names case-insensitive) and body, framed by
 * Content-Length or chunked encoding, or by the end of the stream when the server closes the connection.
 */
record HttpReply(int status, Map<String, String> headers, byte[] body) {
  /** The longest status or header line accepted: the Runtime API's are well under 1 KB; a bigger one is not HTTP. */
  private static final int MAX_LINE = 64 * 1024;

  HttpReply {
    TreeMap<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    names.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(names);
  }

  String header(String name) {
    return headers.get(name);
  }

  /** True when the server will close the connection after this reply (HTTP/1.0, or Connection: close). */
  boolean closesConnection() {
    String connection = header("Connection");
    return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
  }

  static HttpReply read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new EOFException("the Runtime API closed the connection before replying");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line from the Runtime API: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status in " + statusLine, e);
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line from the Runtime API: " + header);
      }
      headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    if (parts[0].equals("HTTP/1.0") && !headers.containsKey("Connection")) {
      headers.put("Connection", "close");
    }
    return new HttpReply(status, headers, body(in, headers));
  }

  private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
    String encoding = headers.get("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return chunked(in);
    }
    String length = headers.get("Content-Length");
    if (length != null) {
      long bytes;
      try {
        bytes = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length from the Runtime API: " + length, e);
      }
      if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
        throw new IOException("Content-Length out of range from the Runtime API: " + length);
      }
      return exactly(in, (int) bytes);
    }
    return in.readAllBytes(); // no framing: the body runs to the end of the connection
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      if (sizeLine == null) {
        throw new EOFException("the Runtime API closed the connection inside a chunked body");
      }
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size from the Runtime API: " + sizeLine, e);
      }
      if (size < 0) {
        throw new IOException("bad chunk size from the Runtime API: " + sizeLine);
      }
      if (size == 0) {
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
          // trailers carry nothing the runtime uses
        }
        return body.toByteArray();
      }
      body.write(exactly(in, size));
      line(in); // the CRLF after the chunk
    }
  }

  private static byte[] exactly(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException("the Runtime API sent " + bytes.length + " of " + length + " body bytes");
    }
    return bytes;
  }

  /** A CRLF- (or LF-) terminated ISO-8859-1 line without its terminator; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() == MAX_LINE) {
        throw new IOException("a line longer than " + MAX_LINE + " bytes from the Runtime API");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
