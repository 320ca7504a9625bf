package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.events.samples.HttpApiSample;
import dev.lambdaloom.emulator.events.samples.HttpApiSample.PayloadVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

// No standard --version option here: --version is the payload format version, as sam has it.
@Command(name = "apigateway",
    description = {"An HTTP API request (payload 2.0: APIGatewayV2HTTPEvent; 1.0: APIGatewayProxyRequestEvent),",
        "written by the same code as start-api's gateway. A body gets content-type application/json unless a "
            + "--header gives another."})
final class EventApiGatewayCommand implements Callable<Integer> {
  @Mixin EventOriginOptions origin;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET", description = "(default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--path", paramLabel = "PATH", defaultValue = "/",
      description = "Path as sent, with an optional ?query (default: ${DEFAULT-VALUE})")
  String path;

  @Option(names = "--body", paramLabel = "TEXT", description = "Request body")
  String body;

  @Option(names = "--header", paramLabel = "NAME=VALUE", description = "A request header; repeatable")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--route", paramLabel = "ROUTE",
      description = "Route key the request matched, e.g. 'GET /tourists/{id}': gives routeKey and pathParameters "
          + "(default: $default)")
  String route;

  @Option(names = {"--version", "--payload-version"}, paramLabel = "VERSION", defaultValue = "2.0",
      description = "Payload format version, 2.0 or 1.0 (default: ${DEFAULT-VALUE})")
  String version;

  @Override
  public Integer call() {
    HttpApiSample sample = HttpApiSample.of(origin.origin()).method(method).path(path)
        .payloadVersion(PayloadVersion.parse(version));
    if (body != null) {
      sample = sample.body(body);
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      sample = sample.header(header.getKey(), header.getValue());
    }
    if (route != null) {
      sample = sample.route(route);
    }
    return EventOriginOptions.print(sample.json());
  }
}
