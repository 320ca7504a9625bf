package dev.lambdaloom.services.iot;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated IoT REST API on 127.0.0.1 that serves one large JSON document per request:
 * {@code GET /devices/{device}/readings/{seq}} answers
 * {@code {"datetime": "2020-01-27T07:07:27.744489", "values": [2210, 13260, ...]}}.
 *
 * <p>Everything follows from the seed: the same seed, device and seq give the same document and the
 * same behaviour (latency, faults, malformations). Faults are transient per reading (the first
 * attempts fail, then the document is served), except for a chosen share that fails forever;
 * malformed documents are permanent. The simulator books exactly what it served ({@link #ledger()},
 * also {@code GET /_ledger}, reset by {@code DELETE /_ledger}) and tells in advance what a reading
 * will serve ({@link #expected(String, long)}), so tests can assert exact counts and sums.
 */
public final class IotApiSimulator implements AutoCloseable {
  /** Enough for 1,024 clients connecting at once. */
  private static final int BACKLOG = 1024;
  private static final int MAX_VALUES = 100_000;

  /**
   * How the API behaves. The defaults are a perfectly behaved API: no latency, no faults, no
   * malformed documents, 1,000 values per document. Rates are fractions of readings (decided per
   * reading by the seed, so they are also the fractions of first requests).
   *
   * @param seed the root of every choice
   * @param port the loopback port; 0 picks a free one
   * @param latency waited before every answer
   * @param jitter up to this much more, seeded per reading and attempt
   * @param valuesPerDocument values in a valid document, 1 to 100,000
   * @param faultRates the share of readings that fault, by fault; the rates add up to at most 1
   * @param failingAttempts how many first attempts of a faulting reading fail
   * @param permanentFaultShare the share of faulting readings whose fault never ends
   * @param retryAfterSeconds the Retry-After of 429 and of 503 with Retry-After
   * @param malformedRate the share of readings whose document is malformed (chosen independently of faults)
   * @param malformedMix relative weights of the malformation kinds
   * @param hugeValues the values of a {@link Malformation#HUGE_DOCUMENT}: more than any real document has, so a
   *     client should refuse it (default 300,000, about 2.7 MB; real documents have up to 100,000)
   * @param slowChunkBytes bytes per write of a {@link Fault#SLOW_BODY}
   * @param slowPause the pause between those writes
   */
  public record Options(long seed, int port, Duration latency, Duration jitter, int valuesPerDocument,
      Map<Fault, Double> faultRates, int failingAttempts, double permanentFaultShare, int retryAfterSeconds,
      double malformedRate, Map<Malformation, Double> malformedMix, int hugeValues, int slowChunkBytes,
      Duration slowPause) {

    public Options {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      requireNonNegative(latency, "latency");
      requireNonNegative(jitter, "jitter");
      requireNonNegative(slowPause, "slowPause");
      if (valuesPerDocument < 1 || valuesPerDocument > MAX_VALUES) {
        throw new IllegalArgumentException("valuesPerDocument must be 1.." + MAX_VALUES + ": " + valuesPerDocument);
      }
      faultRates = Collections.unmodifiableMap(enumMap(faultRates, Fault.class));
      faultRates.forEach((fault, rate) -> requireShare(rate, "fault rate of " + fault));
      double faultTotal = faultRates.values().stream().mapToDouble(Double::doubleValue).sum();
      if (faultTotal > 1 + 1e-9) {
        throw new IllegalArgumentException("fault rates add up to " + faultTotal + ", more than 1");
      }
      if (failingAttempts < 1) {
        throw new IllegalArgumentException("failingAttempts must be at least 1: " + failingAttempts);
      }
      requireShare(permanentFaultShare, "permanentFaultShare");
      if (retryAfterSeconds < 0) {
        throw new IllegalArgumentException("retryAfterSeconds must be non-negative: " + retryAfterSeconds);
      }
      requireShare(malformedRate, "malformedRate");
      malformedMix = Collections.unmodifiableMap(enumMap(malformedMix, Malformation.class));
      malformedMix.forEach((kind, weight) -> {
        if (!(weight >= 0) || weight.isInfinite()) {
          throw new IllegalArgumentException("the weight of " + kind + " must be a non-negative number: " + weight);
        }
      });
      if (malformedRate > 0 && malformedMix.values().stream().noneMatch(weight -> weight > 0)) {
        throw new IllegalArgumentException("malformedRate is " + malformedRate + " but no malformation has a weight");
      }
      if (hugeValues <= valuesPerDocument || hugeValues > 20 * MAX_VALUES) {
        throw new IllegalArgumentException("hugeValues must be more than valuesPerDocument and at most "
            + 20 * MAX_VALUES + ": " + hugeValues);
      }
      if (slowChunkBytes < 1) {
        throw new IllegalArgumentException("slowChunkBytes must be at least 1: " + slowChunkBytes);
      }
    }

    /** A perfectly behaved API with seed 1 on a free port. */
    public static Options defaults() {
      return builder().build();
    }

    public static Builder builder() {
      return new Builder();
    }

    public Builder toBuilder() {
      return new Builder(this);
    }

    private static void requireNonNegative(Duration duration, String name) {
      if (Objects.requireNonNull(duration, name).isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + duration);
      }
    }

    private static void requireShare(double share, String name) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(name + " must be within 0..1: " + share);
      }
    }

    private static <K extends Enum<K>> EnumMap<K, Double> enumMap(Map<K, Double> map, Class<K> type) {
      EnumMap<K, Double> copy = new EnumMap<>(type);
      map.forEach((key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
      return copy;
    }

    /** Builds {@link Options}; starts from the defaults. */
    public static final class Builder {
      private long seed = 1;
      private int port;
      private Duration latency = Duration.ZERO;
      private Duration jitter = Duration.ZERO;
      private int valuesPerDocument = 1_000;
      private final EnumMap<Fault, Double> faultRates = new EnumMap<>(Fault.class);
      private int failingAttempts = 1;
      private double permanentFaultShare;
      private int retryAfterSeconds = 1;
      private double malformedRate;
      private final EnumMap<Malformation, Double> malformedMix = new EnumMap<>(Malformation.class);
      private int hugeValues = 300_000;
      private int slowChunkBytes = 16;
      private Duration slowPause = Duration.ofMillis(500);

      private Builder() {
        for (Malformation kind : Malformation.values()) {
          malformedMix.put(kind, 1.0);
        }
      }

      private Builder(Options options) {
        seed = options.seed();
        port = options.port();
        latency = options.latency();
        jitter = options.jitter();
        valuesPerDocument = options.valuesPerDocument();
        faultRates.putAll(options.faultRates());
        failingAttempts = options.failingAttempts();
        permanentFaultShare = options.permanentFaultShare();
        retryAfterSeconds = options.retryAfterSeconds();
        malformedRate = options.malformedRate();
        malformedMix.putAll(options.malformedMix());
        hugeValues = options.hugeValues();
        slowChunkBytes = options.slowChunkBytes();
        slowPause = options.slowPause();
      }

      public Builder seed(long value) {
        seed = value;
        return this;
      }

      public Builder port(int value) {
        port = value;
        return this;
      }

      /** A fixed latency plus up to {@code jitter} more. */
      public Builder latency(Duration fixed, Duration jitter) {
        this.latency = fixed;
        this.jitter = jitter;
        return this;
      }

      public Builder valuesPerDocument(int value) {
        valuesPerDocument = value;
        return this;
      }

      /** The share of readings that fault with {@code fault}. */
      public Builder faultRate(Fault fault, double rate) {
        faultRates.put(fault, rate);
        return this;
      }

      /** How many first attempts of a faulting reading fail (default 1). */
      public Builder failingAttempts(int value) {
        failingAttempts = value;
        return this;
      }

      /** The share of faulting readings whose fault never ends (default 0). */
      public Builder permanentFaultShare(double value) {
        permanentFaultShare = value;
        return this;
      }

      public Builder retryAfterSeconds(int value) {
        retryAfterSeconds = value;
        return this;
      }

      /** The share of readings whose document is malformed, by default all kinds equally. */
      public Builder malformedRate(double value) {
        malformedRate = value;
        return this;
      }

      /** Only these kinds, equally. */
      public Builder malformedKinds(Malformation... kinds) {
        malformedMix.replaceAll((kind, weight) -> 0.0);
        for (Malformation kind : kinds) {
          malformedMix.put(kind, 1.0);
        }
        return this;
      }

      /** The relative weight of one kind in the mix (all are 1 by default). */
      public Builder malformedWeight(Malformation kind, double weight) {
        malformedMix.put(kind, weight);
        return this;
      }

      public Builder hugeValues(int value) {
        hugeValues = value;
        return this;
      }

      /** A slow body writes {@code chunkBytes} at a time with {@code pause} between writes. */
      public Builder slowBody(int chunkBytes, Duration pause) {
        slowChunkBytes = chunkBytes;
        slowPause = pause;
        return this;
      }

      public Options build() {
        return new Options(seed, port, latency, jitter, valuesPerDocument, faultRates, failingAttempts,
            permanentFaultShare, retryAfterSeconds, malformedRate, malformedMix, hugeValues, slowChunkBytes, slowPause);
      }
    }
  }

  private final Options options;
  private final Planner planner;
  private final LedgerBook book = new LedgerBook();
  private final LoopbackHttpServer server;

  private IotApiSimulator(Options options) throws IOException {
    this.options = options;
    this.planner = new Planner(options);
    this.server = LoopbackHttpServer.start(options.port(), BACKLOG, Map.of(
        ReadingsEndpoint.PREFIX, new ReadingsEndpoint(options, planner, new DocumentRenderer(options), book),
        "/_ledger", this::ledgerEndpoint));
  }

  public static IotApiSimulator start(Options options) throws IOException {
    return new IotApiSimulator(options);
  }

  public Options options() {
    return options;
  }

  public int port() {
    return server.port();
  }

  /** http://127.0.0.1:port */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:port/devices/{device}/readings/{seq}}, placeholders left in. */
  public String urlTemplate() {
    return baseUrl() + "/devices/{device}/readings/{seq}";
  }

  /** The URL of one reading (the device id percent-encoded). */
  public String url(String device, long seq) {
    ReadingId id = new ReadingId(device, seq);
    return baseUrl() + "/devices/" + URLEncoder.encode(id.device(), StandardCharsets.UTF_8).replace("+", "%20")
        + "/readings/" + id.seq();
  }

  /** What the reading will serve, from the seed alone; asking changes nothing. */
  public Expectation expected(String device, long seq) {
    return planner.expect(new ReadingId(device, seq));
  }

  /** A snapshot of what was served so far. */
  public Ledger ledger() {
    return book.snapshot();
  }

  /** Forgets what was served, attempt counts included, so faults start over. */
  public void reset() {
    book.reset();
  }

  /** Stops serving at once: open connections are closed, trickling bodies cut. */
  @Override
  public void close() {
    server.close();
  }

  private void ledgerEndpoint(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestMethod()) {
        case "GET" -> {
          String query = exchange.getRequestURI().getQuery();
          boolean withEntries = query == null || !query.contains("entries=false");
          ReadingsEndpoint.send(exchange, 200, DocumentRenderer.JSON, LedgerJson.render(ledger(), withEntries));
        }
        case "DELETE" -> {
          reset();
          exchange.sendResponseHeaders(204, -1);
        }
        default -> {
          exchange.getResponseHeaders().set("Allow", "GET, DELETE");
          ReadingsEndpoint.sendJson(exchange, 405, "{\"message\": \"Method Not Allowed\"}");
        }
      }
    }
  }
}
