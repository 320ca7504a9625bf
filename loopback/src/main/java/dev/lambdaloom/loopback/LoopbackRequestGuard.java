package dev.lambdaloom.loopback;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lets through only requests the user's own tools send. Listening on 127.0.0.1 keeps other machines out, but not a
 * web page open in the user's browser: through DNS rebinding (a name of the page's own that then resolves to
 * 127.0.0.1) or a plain cross-site request, a page can reach a loopback port. Both show in the headers, so a request is
 * refused when
 * <ul>
 *   <li>its {@code Host} is not a loopback name: {@code 127.0.0.1}, {@code localhost} or {@code [::1]}, with or without
 *       a port, in any case (a rebinding page's requests carry the page's own name). HTTP/1.1 requires a Host, so one
 *       without is refused; an HTTP/1.0 request without one passes, as that version has none. A request line with an
 *       absolute URI is held to the same names;</li>
 *   <li>it carries an {@code Origin} other than {@code http(s)://} one of those names with an optional port: a
 *       browser sends Origin with cross-site requests, and {@code Origin: null} (sandboxed frames, local files) is as
 *       foreign as any other.</li>
 * </ul>
 * A refused request is answered by the server's {@link Refusal}, in its API's own error shape, and never reaches the
 * server's handler.
 */
public final class LoopbackRequestGuard extends Filter {
  private static final String LOOPBACK_NAME = "(localhost|127\\.0\\.0\\.1|\\[::1])";
  private static final Pattern LOOPBACK_HOST = Pattern.compile(LOOPBACK_NAME + "(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOOPBACK_ORIGIN =
      Pattern.compile("https?://" + LOOPBACK_NAME + "(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);

  /** How a server answers a refused request: a 403 in its API's own error shape. */
  @FunctionalInterface
  public interface Refusal {
    /** @param reason what was wrong with the request, in words, for the response's message */
    void send(HttpExchange exchange, String reason) throws IOException;
  }

  /** Whether a request may reach the handler. */
  public sealed interface Verdict {
    record Allowed() implements Verdict {}

    record Refused(String reason) implements Verdict {}
  }

  private final Refusal refusal;

  public LoopbackRequestGuard(Refusal refusal) {
    this.refusal = refusal;
  }

  /**
   * The rule itself.
   *
   * @param protocol the request line's version, {@code HTTP/1.1}
   * @param target the request line's URI
   */
  public static Verdict check(String protocol, URI target, Headers headers) {
    if (target.getRawAuthority() != null && !LOOPBACK_HOST.matcher(target.getRawAuthority()).matches()) {
      return new Verdict.Refused("the request is addressed to " + target.getRawAuthority() + ", not to this machine's "
          + "loopback (127.0.0.1, localhost or [::1])");
    }
    List<String> hosts = headers.get("Host");
    if (hosts == null || hosts.isEmpty()) {
      if (!"HTTP/1.0".equalsIgnoreCase(protocol)) {
        return new Verdict.Refused("the request has no Host header");
      }
    } else if (hosts.size() > 1) {
      return new Verdict.Refused("the request has " + hosts.size() + " Host headers");
    } else if (!LOOPBACK_HOST.matcher(hosts.getFirst().strip()).matches()) {
      return new Verdict.Refused("Host " + hosts.getFirst().strip() + " is not a loopback name (127.0.0.1, localhost "
          + "or [::1]); a web page cannot reach this server through a name of its own");
    }
    List<String> origins = headers.get("Origin");
    if (origins != null && !origins.isEmpty()) {
      if (origins.size() > 1 || !LOOPBACK_ORIGIN.matcher(origins.getFirst().strip()).matches()) {
        return new Verdict.Refused("Origin " + String.join(", ", origins) + " is not a page of this machine's loopback;"
            + " browsers on other sites cannot call this server");
      }
    }
    return new Verdict.Allowed();
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    switch (check(exchange.getProtocol(), exchange.getRequestURI(), exchange.getRequestHeaders())) {
      case Verdict.Allowed allowed -> chain.doFilter(exchange);
      case Verdict.Refused refused -> {
        try (exchange) {
          refusal.send(exchange, refused.reason());
        }
      }
    }
  }

  @Override
  public String description() {
    return "refuses requests whose Host or Origin is not this machine's loopback";
  }
}
