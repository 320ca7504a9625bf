package dev.lambdaloom.emulator.events;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SNS's Publish over its query protocol on 127.0.0.1, so that the AWS SDKs and CLI publish to the emulator's topics
 * with AWS_ENDPOINT_URL_SNS: a form POST ({@code Action=Publish&TopicArn=...&Message=...}, attributes as
 * {@code MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue/Value.BinaryValue}) answered with
 * {@code <PublishResponse><PublishResult><MessageId>}. Errors in SNS's {@code <ErrorResponse>}: NotFound (404) for an
 * unknown topic, InvalidParameter (400) for a message SNS would refuse, InvalidAction (400) for other actions.
 * Signatures are not checked: nothing here is reachable beyond this machine.
 */
public final class SnsQueryServer implements AutoCloseable {
  private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
  private static final int MAX_BODY_BYTES = 2 * SnsPublish.MAX_BYTES + 65_536;

  private final TopicPublisher topics;
  private final LoopbackHttpServer server;

  private SnsQueryServer(TopicPublisher topics, int port) throws IOException {
    this.topics = topics;
    this.server = LoopbackHttpServer.start(port, 64, Map.of("/", this::handle),
        List.of(new RequestBodyDeadline(RequestBodyDeadline.DEFAULT_TIMEOUT)));
  }

  /** Serves Publish for {@code topics} on 127.0.0.1:{@code port} (0: a free port). */
  public static SnsQueryServer start(TopicPublisher topics, int port) throws IOException {
    return new SnsQueryServer(topics, port);
  }

  /** What AWS_ENDPOINT_URL_SNS should say. */
  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = UUID.randomUUID().toString();
      if (!"POST".equals(exchange.getRequestMethod())) {
        error(exchange, 400, "InvalidAction", "SNS takes form POSTs", requestId);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        error(exchange, 400, "InvalidParameter", "Invalid parameter: Message too long", requestId);
        return;
      }
      Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
      String action = form.getOrDefault("Action", "");
      if (!action.equals("Publish")) {
        error(exchange, 400, "InvalidAction", "The emulator's SNS takes Publish only, not '" + action + "'",
            requestId);
        return;
      }
      String topicArn = Optional.ofNullable(form.get("TopicArn")).orElse(form.get("TargetArn"));
      if (topicArn == null) {
        error(exchange, 400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn is required", requestId);
        return;
      }
      String messageId;
      try {
        messageId = topics.publish(new SnsPublish(topicArn, form.get("Message"),
            Optional.ofNullable(form.get("Subject")), attributes(form)));
      } catch (TopicPublisher.TopicNotFoundException e) {
        error(exchange, 404, "NotFound", e.getMessage(), requestId);
        return;
      } catch (IllegalArgumentException e) {
        error(exchange, 400, "InvalidParameter", "Invalid parameter: " + e.getMessage(), requestId);
        return;
      } catch (IllegalStateException e) {
        error(exchange, 500, "InternalError", e.getMessage(), requestId);
        return;
      }
      send(exchange, 200, "<PublishResponse xmlns=\"" + NAMESPACE + "\"><PublishResult><MessageId>" + messageId
          + "</MessageId></PublishResult><ResponseMetadata><RequestId>" + requestId
          + "</RequestId></ResponseMetadata></PublishResponse>");
    }
  }

  /** {@code MessageAttributes.entry.N.*} as attributes; a binary value stays base64, as SNS delivers it. */
  private static Map<String, SnsPublish.Attribute> attributes(Map<String, String> form) {
    Map<String, SnsPublish.Attribute> attributes = new LinkedHashMap<>();
    for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
      String prefix = "MessageAttributes.entry." + n + ".";
      String type = form.get(prefix + "Value.DataType");
      if (type == null) {
        throw new IllegalArgumentException("MessageAttributes entry " + n + " has no DataType");
      }
      String value = type.startsWith("Binary") ? form.get(prefix + "Value.BinaryValue")
          : form.get(prefix + "Value.StringValue");
      if (value == null) {
        throw new IllegalArgumentException("MessageAttributes entry " + n + " has no value");
      }
      attributes.put(form.get(prefix + "Name"), new SnsPublish.Attribute(type, value));
    }
    return attributes;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void error(HttpExchange exchange, int status, String code, String message, String requestId)
      throws IOException {
    send(exchange, status, "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>"
        + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code><Message>" + xml(message)
        + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
  }

  private static void send(HttpExchange exchange, int status, String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @Override
  public void close() {
    server.close();
  }
}
