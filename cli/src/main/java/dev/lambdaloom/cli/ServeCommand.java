package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.api.InvokeApiServer;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.events.EventSources;
import dev.lambdaloom.emulator.events.LocalTopics;
import dev.lambdaloom.emulator.events.SqsEndpoint;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.net.URI;
import java.util.Optional;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.loopback.FreePort;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the template's functions behind Lambda's Invoke API on loopback until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--port", defaultValue = "9001", description = "Invoke API port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
  int port;

  @Override
  public Integer call() throws Exception {
    options.announce(System.out);
    // Known before the emulator starts, so that functions get it as AWS_ENDPOINT_URL_LAMBDA: their calls to other
    // functions stay here.
    int apiPort = port == 0 ? FreePort.find() : port;
    // The template's SNS topics take Publish on loopback before the functions start, so that they get
    // AWS_ENDPOINT_URL_SNS; deliveries go through the emulator once it runs.
    AtomicReference<Emulator> started = new AtomicReference<>();
    SamTemplate template = options.loadTemplate(Map.of());
    Optional<SqsEndpoint> sqs = template.functions().values().stream()
        .map(f -> f.environment().get("AWS_ENDPOINT_URL_SQS")).filter(v -> v != null && !v.isBlank()).findFirst()
        .map(v -> new SqsEndpoint(URI.create(v), options.region()));
    Optional<LocalTopics> topics = !options.aws ? LocalTopics.start(template,
        (function, payload) -> started.get().invokeAsync(function, payload), sqs, options.region(),
        TemplateOverrides.DEFAULT_ACCOUNT_ID) : Optional.empty();
    Map<String, String> endpoints = new java.util.LinkedHashMap<>();
    endpoints.put("LAMBDA", "http://127.0.0.1:" + apiPort);
    topics.ifPresent(t -> endpoints.put("SNS", t.endpoint().toString()));
    Emulator emulator = options.start(LogSink.printTo(System.out, true), Map.of(), endpoints);
    started.set(emulator);
    AtomicReference<EventSources> sources = new AtomicReference<>();
    InvokeApiServer api = InvokeApiServer.start(emulator, apiPort, RequestBodyDeadline.DEFAULT_TIMEOUT,
        () -> sources.get() == null ? List.of() : sources.get().mappings());
    sources.set(EventSources.start(emulator, LogSink.printTo(System.out, true)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sources.get().close();
      topics.ifPresent(LocalTopics::close);
      api.close();
      stopped.countDown();
    }, "lambdaloom-api-shutdown"));

    System.out.println("Lambda Invoke API on " + api.endpoint() + "  (" + options.templateFile() + ")");
    System.out.println("Limits: " + emulator.limitsDescription());
    for (FunctionConfig f : emulator.functions()) {
      System.out.printf("  %-28s %-16s %5d MB %4d s  concurrency %d%n", f.name(), f.runtime(), f.memoryMb(),
          f.timeout().toSeconds(), f.reservedConcurrency());
    }
    topics.ifPresent(t -> System.out.println("SNS topics " + t.publisher().topics() + " take Publish on "
        + t.endpoint() + " (AWS_ENDPOINT_URL_SNS of every function)"));
    List<String> mappings = sources.get().describe();
    if (!mappings.isEmpty()) {
      System.out.println("Event source mappings (status: curl " + api.endpoint()
          + "/2015-03-31/event-source-mappings/):");
      mappings.forEach(m -> System.out.println("  " + m));
    }
    System.out.println("Invocations and their causes: curl " + api.endpoint() + InvokeApiServer.INVOCATIONS
        + "  (as a trace file: ./lambdaloom trace --endpoint " + api.endpoint() + ")");
    if (!emulator.functions().isEmpty()) {
      System.out.println("Try: aws lambda invoke --endpoint-url " + api.endpoint() + " --function-name "
          + emulator.functions().getFirst().name() + " --payload '{}' --cli-binary-format raw-in-base64-out out.json");
    }
    System.out.flush();
    stopped.await();
    return 0;
  }
}
