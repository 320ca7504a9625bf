package dev.lambdaloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.trace.ChromeTrace;
import dev.lambdaloom.emulator.trace.OtlpTrace;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {"Write what a running 'serve' invoked, and which invocation caused which, as a trace file:",
        "  chrome: Chrome trace events (open in https://ui.perfetto.dev or chrome://tracing): a track per function,",
        "          a slice per invocation, an arrow per cause;",
        "  otlp:   OpenTelemetry OTLP/JSON spans (trace id from the X-Ray Root, span id its Parent, parent span the",
        "          caller's).",
        "Known exactly: a function calling another through the Invoke API (the AWS SDK passes the caller's trace header",
        "on), and the emulator's retries of Event invocations. Inferred, marked \"inferred\": true: a stream batch is",
        "linked to the invocations that were running when its records arrived, of functions whose environment names",
        "the table or stream (e.g. TABLE_NAME=Workers); Lambda does not know a record's writer either.",
        "Every time is the emulator's one clock."})
final class TraceCommand implements Callable<Integer> {
  /** The formats a trace file can be written in. */
  enum Format {
    chrome, otlp
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:9001",
      description = "The Invoke API of a running serve (default: ${DEFAULT-VALUE})")
  URI endpoint;

  @Option(names = "--out", defaultValue = "trace.json", description = "The file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--format", defaultValue = "chrome", description = "chrome or otlp (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() throws Exception {
    JsonNode ledger = fetch();
    JsonNode trace = switch (format) {
      case chrome -> ChromeTrace.of(ledger);
      case otlp -> OtlpTrace.of(ledger);
    };
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(out.toFile(), trace);
    System.out.printf("%d invocations, %d cause links (%d inferred)%s -> %s%n", ledger.get("invocations").size(),
        ledger.get("links").size(), count(ledger.get("links")),
        ledger.get("dropped").asLong() > 0 ? ", " + ledger.get("dropped").asLong() + " older ones no longer held" : "",
        out.toAbsolutePath());
    return 0;
  }

  private static long count(JsonNode links) {
    long inferred = 0;
    for (JsonNode link : links) {
      inferred += link.get("inferred").asBoolean() ? 1 : 0;
    }
    return inferred;
  }

  private JsonNode fetch() throws IOException, InterruptedException {
    URI uri = endpoint.resolve(InvokeApiServer.INVOCATIONS);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new UserFacingException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (ConnectException e) {
      throw new UserFacingException("nothing answers at " + endpoint + ": start ./lambdaloom serve first", e);
    }
  }
}
