package dev.lambdaloom.bench.s3probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.bench.Architecture;
import dev.lambdaloom.bench.LambdaPricing;
import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.bench.ReportCollector;
import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.FanOutResult;
import dev.lambdaloom.core.TaskResult;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.loopback.ResponseDelayProxy;
import dev.lambdaloom.services.ServiceEndpoints;
import dev.lambdaloom.services.s3.LocalS3Server;
import dev.lambdaloom.services.s3.S3ProxyServer;
import dev.lambdaloom.services.s3.S3Server;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lambdaloom bench s3probe}: the S3 probe's zips through the emulator against a local S3 server, in one run:
 * every dataset, client option and concurrency at every memory size (CPU share as on Lambda), beside the server's own
 * ceiling measured in the same run. Figures are written, not asserted; {@link S3ProbeReport} lays them out.
 *
 * <p>The server is s3proxy (objects in files) unless asked for S3Mock: S3Mock serves a few hundred GETs a second here,
 * which would cap every concurrent option at a fraction of what it can do.
 */
public final class S3ProbeBenchmark {
  static final String BUCKET = "probe-bench";
  private static final String WARM_UP_PREFIX = "warm-up/";
  /**
   * The warm-up reads this many small objects, with the run's client: enough requests for the JIT to compile the
   * request path, so the first measured run does not pay for it and the ones after it do not look better for it.
   */
  private static final int WARM_UP_OBJECTS = 300;
  private static final int WARM_UP_CONCURRENCY = 16;
  private static final int UPLOADS_IN_FLIGHT = 16;
  private static final Duration REPORT_WAIT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param template the SAM template with the three S3 probe functions
   * @param resultsRoot where bench-results go
   * @param settings the emulator's settings
   * @param server the local S3 server the functions read
   * @param datasets the object sets, each read by every client
   * @param clients the client options
   * @param concurrencies GETs in flight for the concurrent options (the sequential loop runs at 1 only)
   * @param memorySizes MemorySize of each sweep
   * @param timeout each invocation's Timeout: a run that cannot finish in it stops and says what it did not read
   * @param repeats invocations per setting, in the same container; the fastest counts (the others were slowed by
   *     something else on the machine, not by the function)
   * @param latency added to every answer's first byte (0: none) by a {@link ResponseDelayProxy} in front of the
   *     server, for the functions and the ceiling alike: a local server answers in about a millisecond, S3 from
   *     Lambda in tens, and concurrency can only hide the latency there is
   */
  public record Options(SamTemplate template, Path resultsRoot, EmulatorSettings settings, Server server,
      List<Dataset> datasets, List<ProbeClientChoice> clients, List<Integer> concurrencies, List<Integer> memorySizes,
      Duration timeout, int repeats, Duration latency) {
    public Options {
      datasets = List.copyOf(datasets);
      clients = List.copyOf(clients);
      concurrencies = List.copyOf(concurrencies);
      memorySizes = List.copyOf(memorySizes);
      if (datasets.isEmpty() || clients.isEmpty() || concurrencies.isEmpty() || memorySizes.isEmpty()) {
        throw new IllegalArgumentException("at least one dataset, client, concurrency and memory size");
      }
      if (repeats < 1) throw new IllegalArgumentException("at least one invocation per setting, not " + repeats);
      if (latency.isNegative()) throw new IllegalArgumentException("a latency is not negative: " + latency);
    }
  }

  /** The local S3 servers the benchmark can read from. */
  public enum Server {
    S3PROXY("s3proxy"),
    S3MOCK("s3mock");

    private final String label;

    Server(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Server parse(String label) {
      for (Server server : values()) {
        if (server.label.equals(label.trim())) return server;
      }
      throw new IllegalArgumentException("unknown server '" + label + "'; s3proxy or s3mock");
    }

    LocalS3Server start() throws Exception {
      return switch (this) {
        case S3PROXY -> S3ProxyServer.start(S3ProxyServer.Options.defaults().withInitialBuckets(BUCKET));
        case S3MOCK -> S3Server.start(S3Server.Options.defaults().withInitialBuckets(BUCKET));
      };
    }
  }

  /**
   * One invocation's figures, as its response and REPORT line gave them. An invocation that failed (the function
   * ran out of memory, say) is a result too: {@code error} names how it ended, and it read nothing.
   */
  record Run(int memoryMb, String dataset, String client, int concurrency, int objects, int read, long failed,
      long notRead, long bytes, long matches, long expectedMatches, double readMs, double p50Ms, double p99Ms,
      double durationMs, long billedMs, long maxMemoryMb, double objectsPerSecond, double megabytesPerSecond,
      double costUsdPer1000Objects, String error) {
    boolean completed() {
      return error == null;
    }
  }

  /** A container's start: the warm-up invocation's Init Duration and Max Memory Used. */
  record ColdStart(int memoryMb, String client, String function, double initMs, long maxMemoryMb, long zipBytes) {}

  private final Options options;
  private final PrintStream out;

  public S3ProbeBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public Path run() throws Exception {
    Map<String, FunctionConfig> functions = new LinkedHashMap<>();
    for (ProbeClientChoice client : options.clients()) {
      functions.computeIfAbsent(client.function(), name -> options.template().function(name).orElseThrow(() ->
          new IllegalArgumentException("no " + name + " in " + options.template().file())));
    }
    List<Run> runs = new ArrayList<>();
    List<ColdStart> coldStarts = new ArrayList<>();
    Map<Dataset, ServerCeiling> ceilings = new LinkedHashMap<>();
    String limits = "";
    String serverName;
    try (LocalS3Server s3 = options.server().start();
        ResponseDelayProxy delayed = ResponseDelayProxy.start(new InetSocketAddress("127.0.0.1", s3.port()),
            options.latency())) {
      // Uploads go straight to the server; every GET, the functions' and the ceiling's, through the delay.
      String endpoint = options.latency().isZero() ? s3.endpoint() : delayed.endpoint();
      serverName = options.server().label() + " (" + s3.endpoint() + ")" + (options.latency().isZero() ? ""
          : ", answers " + options.latency().toMillis() + " ms late through " + endpoint);
      upload(s3);
      List<Integer> inFlightLevels = options.concurrencies().stream().filter(c -> c > 1).toList();
      if (inFlightLevels.isEmpty()) inFlightLevels = List.of(64);
      for (Dataset dataset : options.datasets()) {
        ServerCeiling ceiling = ServerCeiling.measure(URI.create(endpoint), Region.of(s3.region()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ServiceEndpoints.PLACEHOLDER_CREDENTIAL,
                ServiceEndpoints.PLACEHOLDER_CREDENTIAL)), BUCKET, dataset,
            inFlightLevels);
        ceilings.put(dataset, ceiling);
        out.printf(Locale.ROOT, "server ceiling %-14s %,8.0f GETs/s  %,7.1f MB/s  (%d in flight, %s)%n",
            dataset.label(), ceiling.getsPerSecond(), ceiling.megabytesPerSecond(), ceiling.inFlight(),
            ceiling.reader());
      }
      for (int memory : options.memorySizes()) {
        for (ProbeClientChoice client : options.clients()) {
          FunctionConfig function = functions.get(client.function()).withMemoryMb(memory)
              .withTimeout(options.timeout());
          for (Dataset dataset : options.datasets()) {
            // A container per (memory, client, dataset): Max Memory Used is a container's peak so far, and the
            // concurrencies run in ascending order, so each run's figure is the peak up to its concurrency.
            try (Emulator emulator = emulator(function, endpoint)) {
              limits = emulator.limitsDescription();
              ColdStart cold = warmUp(emulator, function, client);
              if (dataset.equals(options.datasets().getFirst())) coldStarts.add(cold);
              for (int concurrency : client.sequential() ? List.of(1) : options.concurrencies()) {
                Run fastest = null;
                for (int repeat = 0; repeat < options.repeats(); repeat++) {
                  Run run = print(invoke(emulator, function, client, dataset, concurrency), ceilings.get(dataset));
                  if (fastest == null || run.completed() && run.objectsPerSecond() > fastest.objectsPerSecond()) {
                    fastest = run;
                  }
                }
                runs.add(fastest);
              }
            }
          }
        }
      }
    }
    return new S3ProbeReport(options, serverName, limits, ceilings, runs, coldStarts).write(out);
  }

  /** One object to put: its key, and the body's dataset and index (made when it is put, not all held at once). */
  private record Upload(String key, Dataset dataset, int index) {}

  /** Puts every dataset and the warm-up objects, {@link #UPLOADS_IN_FLIGHT} at a time, through core's FanOut. */
  private void upload(LocalS3Server server) throws Exception {
    List<Upload> uploads = new ArrayList<>();
    for (Dataset dataset : options.datasets()) {
      for (int i = 0; i < dataset.objects(); i++) uploads.add(new Upload(dataset.key(i), dataset, i));
    }
    Dataset warmUp = new Dataset(WARM_UP_OBJECTS, 1024);
    for (int i = 0; i < WARM_UP_OBJECTS; i++) uploads.add(new Upload(WARM_UP_PREFIX + i, warmUp, i));
    try (S3Client s3 = server.newClient();
        ProgressBar progress = ProgressBar.start("uploading the datasets", uploads.size())) {
      FanOutResult<Upload, String> result = FanOut.maxInFlight(UPLOADS_IN_FLIGHT).failFast(true).run(uploads,
          upload -> {
            s3.putObject(b -> b.bucket(BUCKET).key(upload.key()),
                RequestBody.fromBytes(upload.dataset().body(upload.index())));
            progress.step();
            return upload.key();
          });
      if (!result.failures().isEmpty()) {
        TaskResult.Failure<Upload, String> first = result.failures().getFirst();
        throw new IllegalStateException("could not put " + first.input().key(), first.failure());
      }
    }
  }

  private Emulator emulator(FunctionConfig function, String s3Endpoint) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
    environment.put("PROBE_BUCKET", BUCKET);
    return new Emulator(List.of(function.withEnvironment(environment)), options.settings(), new ReportCollector());
  }

  /** The container's first invocation, on small objects with the same client: its cold start and JIT warm-up. */
  private ColdStart warmUp(Emulator emulator, FunctionConfig function, ProbeClientChoice client) throws Exception {
    String event = "{\"prefix\":\"" + WARM_UP_PREFIX + "\",\"find\":\"" + Dataset.NEEDLE + "\","
        + client.eventFields(WARM_UP_CONCURRENCY) + "}";
    InvokeResult result = emulator.invoke(function.name(), event.getBytes(StandardCharsets.UTF_8));
    Report report = report(result);
    if (result.failed()) {
      throw new IllegalStateException(function.name() + " (" + client.label() + ") at " + function.memoryMb()
          + " MB failed to warm up: " + result.payloadText());
    }
    return new ColdStart(function.memoryMb(), client.label(), function.name(),
        report.initDurationMs() == null ? 0 : report.initDurationMs(), report.maxMemoryUsedMb(),
        Files.isRegularFile(function.codeUri()) ? Files.size(function.codeUri()) : -1);
  }

  private Run invoke(Emulator emulator, FunctionConfig function, ProbeClientChoice client, Dataset dataset,
      int concurrency) throws Exception {
    String event = "{\"prefix\":\"" + dataset.prefix() + "\",\"find\":\"" + Dataset.NEEDLE + "\","
        + client.eventFields(concurrency) + "}";
    InvokeResult result = emulator.invoke(function.name(), event.getBytes(StandardCharsets.UTF_8));
    Report report = report(result);
    if (result.failed()) {
      return new Run(function.memoryMb(), dataset.label(), client.label(), concurrency, dataset.objects(), 0, 0,
          dataset.objects(), 0, 0, dataset.expectedMatches(), 0, 0, 0, report.durationMs(), report.billedDurationMs(),
          report.maxMemoryUsedMb(), 0, 0, 0, result.errorType() == null ? "failed" : result.errorType());
    }
    JsonNode body = JSON.readTree(result.payload());
    int read = body.get("read").asInt();
    double readMs = body.get("readMs").asDouble();
    long bytes = body.get("bytes").asLong();
    double seconds = Math.max(readMs, 0.001) / 1000;
    double cost = LambdaPricing.costUsd(Architecture.fromTemplate(function.architecture()), function.memoryMb(),
        report.billedDurationMs(), 1);
    return new Run(function.memoryMb(), dataset.label(), client.label(), concurrency, body.get("objects").asInt(),
        read, body.get("failed").get("count").asLong(), body.get("notRead").asLong(), bytes,
        body.get("matches").asLong(), dataset.expectedMatches(), readMs, body.get("perObject").get("p50").asDouble(),
        body.get("perObject").get("p99").asDouble(), report.durationMs(), report.billedDurationMs(),
        report.maxMemoryUsedMb(), read / seconds, bytes / 1e6 / seconds, read == 0 ? 0 : cost / read * 1000, null);
  }

  private static Report report(InvokeResult result) throws Exception {
    return result.log().get(REPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS).report();
  }

  private Run print(Run run, ServerCeiling ceiling) {
    if (!run.completed()) {
      out.printf(Locale.ROOT, "%5d MB  %-14s %-16s c=%-4d FAILED: %s after %,.0f ms, max memory %d MB%n",
          run.memoryMb(), run.dataset(), run.client(), run.concurrency(), run.error(), run.durationMs(),
          run.maxMemoryMb());
      return run;
    }
    out.printf(Locale.ROOT, "%5d MB  %-14s %-16s c=%-4d %,6d/%,6d read  %,8.0f objects/s (%3.0f%% of the server's)"
            + "  %,7.1f MB/s  max memory %4d MB%s%n", run.memoryMb(), run.dataset(), run.client(), run.concurrency(),
        run.read(), run.objects(), run.objectsPerSecond(), 100 * run.objectsPerSecond() / ceiling.getsPerSecond(),
        run.megabytesPerSecond(), run.maxMemoryMb(), run.matches() == run.expectedMatches() || run.read() < run.objects()
            ? "" : "  MATCHES " + run.matches() + " != " + run.expectedMatches());
    return run;
  }
}
