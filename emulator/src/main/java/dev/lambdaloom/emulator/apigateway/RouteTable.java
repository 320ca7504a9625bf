package dev.lambdaloom.emulator.apigateway;

import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.TemplateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the template's HTTP API: every {@code Type: HttpApi} event of every function. It
 * picks a route the way API Gateway does: the most specific match, then a greedy
 * {@code {proxy+}} one, then {@code $default}; an unmatched request gets API Gateway's 404.
 */
public final class RouteTable {
  private final List<HttpApiRoute> routes;

  RouteTable(List<HttpApiRoute> routes) {
    List<HttpApiRoute> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparing(HttpApiRoute::precedence, Arrays::compare));
    this.routes = List.copyOf(sorted);
  }

  /** The HttpApi events of these functions; other event types are left to others. */
  public static RouteTable of(Collection<FunctionConfig> functions) {
    List<HttpApiRoute> routes = new ArrayList<>();
    for (FunctionConfig function : functions) {
      for (var event : function.events().entrySet()) {
        if (!(event.getValue() instanceof Map<?, ?> spec) || !"HttpApi".equals(spec.get("Type"))) {
          continue;
        }
        Map<?, ?> properties = spec.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
        Object format = properties.get("PayloadFormatVersion");
        if (format != null && !"2.0".equals(String.valueOf(format))) {
          throw new TemplateException(function.name() + ".Events." + event.getKey()
              + ": PayloadFormatVersion " + format + " is not supported locally; use 2.0 (the HttpApi default)");
        }
        try {
          routes.add(HttpApiRoute.of(text(properties.get("Method")), text(properties.get("Path")), function.name()));
        } catch (IllegalArgumentException e) {
          throw new TemplateException(e.getMessage());
        }
      }
    }
    for (int i = 0; i < routes.size(); i++) {
      for (int j = i + 1; j < routes.size(); j++) {
        if (routes.get(i).routeKey().equals(routes.get(j).routeKey())) {
          throw new TemplateException("two HttpApi events declare the route " + routes.get(i).routeKey());
        }
      }
    }
    return new RouteTable(routes);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** Most specific first. */
  public List<HttpApiRoute> routes() {
    return routes;
  }

  public boolean isEmpty() {
    return routes.isEmpty();
  }

  /** A route and the path parameters it read from the path. */
  public record Match(HttpApiRoute route, Map<String, String> pathParameters) {}

  public Optional<Match> match(String method, String rawPath) {
    for (HttpApiRoute route : routes) {
      if (!route.isDefault() && !route.method().equals(HttpApiRoute.ANY) && !route.method().equals(method)) {
        continue;
      }
      Map<String, String> parameters = route.match(rawPath);
      if (parameters != null) {
        return Optional.of(new Match(route, parameters));
      }
    }
    return Optional.empty();
  }
}
