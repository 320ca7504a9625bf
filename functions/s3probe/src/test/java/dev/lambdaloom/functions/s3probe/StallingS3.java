package dev.lambdaloom.functions.s3probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers like S3 for one bucket: a listing of {@code p/a}, {@code p/stalled} and
 * {@code p/b}; {@code p/a} and {@code p/b} whole; {@code p/stalled} sends its headers and 10 of its 1,000 bytes,
 * then nothing until {@link #close()}: the case a per-request timeout exists for.
 */
final class StallingS3 implements AutoCloseable {
  static final String BUCKET = "stalling";
  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);

  StallingS3() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      try (exchange) {
        if (path.equals("/" + BUCKET) || path.equals("/" + BUCKET + "/")) {
          byte[] listing = listing().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(200, listing.length);
          exchange.getResponseBody().write(listing);
        } else {
          boolean stalled = path.endsWith("/p/stalled");
          byte[] whole = stalled ? new byte[1_000] : "found NEEDLE".getBytes(StandardCharsets.UTF_8);
          // Ranged GETs as S3 answers them: the CRT client reads an object in ranged parts.
          int from = 0;
          int to = whole.length - 1;
          String range = exchange.getRequestHeaders().getFirst("Range");
          if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring(6).split("-");
            from = Integer.parseInt(bounds[0]);
            to = bounds.length > 1 && !bounds[1].isEmpty() ? Math.min(to, Integer.parseInt(bounds[1])) : to;
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + whole.length);
          }
          int length = to - from + 1;
          exchange.getResponseHeaders().add("ETag", "\"" + (stalled ? "stalled" : "whole") + "\"");
          if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(whole.length));
            exchange.sendResponseHeaders(200, -1);
            return;
          }
          exchange.sendResponseHeaders(range != null ? 206 : 200, length);
          OutputStream body = exchange.getResponseBody();
          if (stalled) {
            body.write(whole, from, Math.min(10, length));
            body.flush();
            released.await();
          } else {
            body.write(whole, from, length);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client gave up on the stalled body: expected
      }
    });
    server.start();
  }

  private static String listing() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET + "</Name>"
        + "<Prefix>p/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
    for (String key : new String[] {"p/a", "p/stalled", "p/b"}) {
      xml.append("<Contents><Key>").append(key).append("</Key><Size>")
          .append(key.endsWith("stalled") ? 1_000 : 12).append("</Size></Contents>");
    }
    return xml.append("</ListBucketResult>").toString();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
