package dev.lambdaloom.runtimeloop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The Runtime API's four calls (next, response, error, init error) over {@link HttpURLConnection}: it is in java.base
 * and loads far fewer classes than java.net.http, and keeps the connection alive between calls.
 */
final class RuntimeApi {
  private static final String VERSION = "/2018-06-01/runtime";
  private final String base;

  RuntimeApi(String hostAndPort) {
    this.base = "http://" + hostAndPort + VERSION;
  }

  /** Blocks until the next event. */
  NextInvocation next() throws IOException {
    HttpURLConnection connection = open("/invocation/next");
    connection.setReadTimeout(0); // waits for as long as the environment is frozen or idle
    int status = connection.getResponseCode();
    if (status != 200) {
      throw new IOException("GET invocation/next answered " + status + ": " + read(connection.getErrorStream()));
    }
    byte[] body = read(connection.getInputStream());
    String deadline = connection.getHeaderField("Lambda-Runtime-Deadline-Ms");
    return new NextInvocation(connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
        deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline),
        connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"), connection.getHeaderField("Lambda-Runtime-Trace-Id"),
        connection.getHeaderField("Lambda-Runtime-Client-Context"),
        connection.getHeaderField("Lambda-Runtime-Cognito-Identity"), body);
  }

  /** @return the API's status: 202 accepted; 413 when the response is over the payload limit (then it is an error) */
  int respond(String requestId, byte[] response) throws IOException {
    return post("/invocation/" + requestId + "/response", response, null);
  }

  int fail(String requestId, ErrorDocument error) throws IOException {
    return post("/invocation/" + requestId + "/error", error.json(), error.type());
  }

  int failInit(ErrorDocument error) throws IOException {
    return post("/init/error", error.json(), error.type());
  }

  private int post(String path, byte[] body, String errorType) throws IOException {
    HttpURLConnection connection = open(path);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(body.length);
    connection.setRequestProperty("Content-Type", "application/json");
    if (errorType != null) {
      connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    read(status < 400 ? connection.getInputStream() : connection.getErrorStream()); // drained: the connection is reused
    return status;
  }

  private HttpURLConnection open(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    connection.setUseCaches(false);
    return connection;
  }

  private static byte[] read(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readAllBytes();
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
