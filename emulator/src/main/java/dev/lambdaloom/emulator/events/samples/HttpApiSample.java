package dev.lambdaloom.emulator.events.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lambdaloom.emulator.PercentDecoding;
import dev.lambdaloom.emulator.apigateway.GatewayRequest;
import dev.lambdaloom.emulator.apigateway.HttpApiRoute;
import dev.lambdaloom.emulator.apigateway.PayloadV1;
import dev.lambdaloom.emulator.apigateway.PayloadV2;
import dev.lambdaloom.emulator.apigateway.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An HTTP API request as a function behind API Gateway receives it, in payload format 2.0
 * ({@code APIGatewayV2HTTPEvent}) or 1.0 ({@code APIGatewayProxyRequestEvent}). Written by the emulator's own
 * gateway code, so it has the shape {@code start-api} gives functions. Immutable: start from
 * {@link #of(SampleOrigin)} and change one setting at a time.
 */
public final class HttpApiSample {
  /** The payload format version of the integration. */
  public enum PayloadVersion {
    V1_0("1.0"), V2_0("2.0");

    private final String text;

    PayloadVersion(String text) {
      this.text = text;
    }

    /** "1.0" or "2.0" (also "1", "2", "v1", "V2_0"); anything else is refused. */
    public static PayloadVersion parse(String text) {
      String t = text.strip().toLowerCase(Locale.ROOT).replace("v", "").replace('_', '.');
      return switch (t) {
        case "1", "1.0" -> V1_0;
        case "2", "2.0" -> V2_0;
        default -> throw new InvalidSampleException("payload format version is 1.0 or 2.0, found " + text);
      };
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
  private static final String SOURCE_IP = "127.0.0.1";

  /** Never changed once a sample holds it: every change copies it first. */
  private final Copy settings;

  private HttpApiSample(Copy settings) {
    this.settings = settings;
  }

  /** GET / on the $default route, payload format 2.0, no body. */
  public static HttpApiSample of(SampleOrigin origin) {
    Copy copy = new Copy();
    copy.origin = Objects.requireNonNull(origin, "origin");
    copy.method = "GET";
    copy.path = "/";
    copy.query = "";
    copy.headers = new LinkedHashMap<>();
    copy.body = "";
    copy.route = HttpApiRoute.of(null, null, "sample");
    copy.version = PayloadVersion.V2_0;
    return new HttpApiSample(copy);
  }

  public HttpApiSample method(String value) {
    String method = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw new InvalidSampleException("an HTTP method is a word such as GET or POST, found " + value);
    }
    return with(copy -> copy.method = method);
  }

  /** The path as sent, percent-encoding kept, optionally with {@code ?} and a query string. */
  public HttpApiSample path(String value) {
    if (value == null || !value.startsWith("/") || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw new InvalidSampleException("a path starts with / and has no spaces or control characters (encode them: "
          + "%20), found " + value);
    }
    int question = value.indexOf('?');
    String path = question < 0 ? value : value.substring(0, question);
    String query = question < 0 ? "" : value.substring(question + 1);
    try {
      PercentDecoding.check(path);
      PercentDecoding.check(query);
    } catch (PercentDecoding.MalformedEscapeException e) {
      throw new InvalidSampleException("path " + value + ": " + e.getMessage(), e);
    }
    return with(copy -> {
      copy.path = path;
      copy.query = query;
    });
  }

  /** A request header; names are compared ignoring case, a later one replaces an earlier one of the same name. */
  public HttpApiSample header(String name, String value) {
    if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new InvalidSampleException("a header name is a token such as content-type, found " + name);
    }
    if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      throw new InvalidSampleException("header " + name + " needs a value on one line");
    }
    return with(copy -> {
      copy.headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
      copy.headers.put(name, value);
    });
  }

  public HttpApiSample body(String value) {
    return with(copy -> copy.body = Objects.requireNonNull(value, "body"));
  }

  /**
   * The route the request matched, {@code GET /tourists/{id}} or {@code $default}: its key goes into the event,
   * and its path variables become the path parameters.
   */
  public HttpApiSample route(String routeKey) {
    String key = routeKey == null ? "" : routeKey.strip();
    HttpApiRoute route;
    if (key.equals(HttpApiRoute.DEFAULT)) {
      route = HttpApiRoute.of(null, null, "sample");
    } else {
      String[] parts = key.split("\\s+", 2);
      if (parts.length != 2) {
        throw new InvalidSampleException("a route is a method and a path such as 'GET /tourists/{id}' or $default, "
            + "found " + routeKey);
      }
      try {
        route = HttpApiRoute.of(parts[0], parts[1], "sample");
      } catch (IllegalArgumentException e) {
        throw new InvalidSampleException("route " + routeKey + ": " + e.getMessage().replace("sample: ", ""), e);
      }
    }
    return with(copy -> copy.route = route);
  }

  public HttpApiSample payloadVersion(PayloadVersion value) {
    return with(copy -> copy.version = Objects.requireNonNull(value, "version"));
  }

  /** The event; throws InvalidSampleException when the route does not take this request's method or path. */
  public String json() {
    HttpApiRoute route = settings.route;
    if (!route.isDefault() && !route.method().equals("ANY") && !route.method().equals(settings.method)) {
      throw new InvalidSampleException("route " + route.routeKey() + " does not take method " + settings.method);
    }
    Map<String, String> pathParameters;
    try {
      pathParameters = route.match(settings.path);
    } catch (PercentDecoding.MalformedEscapeException e) {
      throw new InvalidSampleException("path " + settings.path + ": " + e.getMessage(), e);
    }
    if (pathParameters == null) {
      throw new InvalidSampleException("path " + settings.path + " does not match route " + route.routeKey());
    }

    SampleOrigin origin = settings.origin;
    SampleIds ids = origin.ids();
    byte[] body = settings.body.getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("user-agent", List.of("lambdaloom"));
    if (body.length > 0) {
      headers.put("content-type", List.of("application/json"));
      headers.put("content-length", List.of(Integer.toString(body.length)));
    }
    settings.headers.forEach((name, value) -> {
      headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
      headers.put(name, List.of(value));
    });
    GatewayRequest request = new GatewayRequest(settings.method, settings.path, settings.query, headers, body,
        SOURCE_IP);
    RouteTable.Match match = new RouteTable.Match(route, pathParameters);
    // The gateway's own form of request id: 12 random bytes, URL-safe base64.
    String requestId = ids.base64(12).replace('+', '-').replace('/', '_');
    byte[] event = switch (settings.version) {
      case V1_0 -> PayloadV1.event(request, match, requestId, origin.accountId(), origin.time());
      case V2_0 -> PayloadV2.event(request, match, requestId, origin.accountId(), origin.time());
    };
    return indented(event);
  }

  private static String indented(byte[] event) {
    try {
      JsonNode tree = SampleJson.MAPPER.readTree(event);
      return SampleJson.MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the gateway wrote an event that is not JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpApiSample with(Consumer<Copy> change) {
    Copy copy = settings.copy();
    change.accept(copy);
    return new HttpApiSample(copy);
  }

  private static final class Copy {
    SampleOrigin origin;
    String method;
    String path;
    String query;
    Map<String, String> headers;
    String body;
    HttpApiRoute route;
    PayloadVersion version;

    Copy copy() {
      Copy copy = new Copy();
      copy.origin = origin;
      copy.method = method;
      copy.path = path;
      copy.query = query;
      copy.headers = new LinkedHashMap<>(headers);
      copy.body = body;
      copy.route = route;
      copy.version = version;
      return copy;
    }
  }
}
