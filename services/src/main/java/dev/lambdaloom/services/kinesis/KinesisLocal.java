package dev.lambdaloom.services.kinesis;

import com.sun.net.httpserver.HttpExchange;
import dev.lambdaloom.loopback.LoopbackHttpServer;
import dev.lambdaloom.loopback.LoopbackRequestGuard;
import dev.lambdaloom.loopback.RequestBodyDeadline;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kinesis Data Streams server on 127.0.0.1, in memory, for functions and tests that read and write streams without
 * AWS: AWS's own clients talk to it through an endpoint override ({@code AWS_ENDPOINT_URL_KINESIS}), in CBOR (the Java
 * SDK v2's default) or AWS JSON 1.1 (the AWS CLI, other SDKs, the Java SDK with {@code aws.cborEnabled=false}).
 *
 * <p>It serves CreateStream, DeleteStream, DescribeStream, DescribeStreamSummary, ListStreams, ListShards, PutRecord,
 * PutRecords, GetShardIterator and GetRecords, with Kinesis's limits and error codes. Where it differs: a stream is
 * ACTIVE as soon as CreateStream returns and gone as soon as DeleteStream returns (Kinesis shows CREATING and DELETING
 * for seconds; there is nothing to provision here); shards are never split, merged or closed; there is no throughput
 * limit; records are kept until their stream is deleted, within a {@link RetentionBound} past which writes are
 * refused with LimitExceededException (Kinesis drops records after the retention period instead; dropping here would
 * lose records a test has not read). Any credentials are accepted and none is checked. Requests whose Host or Origin
 * is not this machine's are refused ({@link LoopbackRequestGuard}).
 *
 * <p>Threads: the JDK's HTTP server runs each exchange on a virtual thread; each shard has its own lock, so writers
 * and readers of different shards never wait for each other (see {@link Shard} and {@link Streams} for what each lock
 * guards and their order).
 */
public final class KinesisLocal implements AutoCloseable {
  /** Writers and readers connecting at once. */
  private static final int BACKLOG = 256;

  /**
   * How to run it.
   *
   * @param port the loopback port, 0 for a free one
   * @param region the region in stream ARNs
   * @param retention what it keeps in memory at most, over all streams
   * @param maxShards shards over all streams at most (Kinesis's default account limit is 200 in most regions)
   * @param clock arrival times, iterator ages and stream creation times
   */
  public record Options(int port, String region, RetentionBound retention, int maxShards, Clock clock) {
    public Options {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, not " + port);
      }
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(clock, "clock");
      if (maxShards < 1 || maxShards > 100_000) {
        throw new IllegalArgumentException("maxShards must be 1..100000, not " + maxShards);
      }
    }

    /** A free port, us-east-1, {@link RetentionBound#DEFAULT}, 500 shards, the system clock. */
    public static Options defaults() {
      return new Options(0, "us-east-1", RetentionBound.DEFAULT, 500, Clock.systemUTC());
    }

    public Options withPort(int value) {
      return new Options(value, region, retention, maxShards, clock);
    }

    public Options withRegion(String value) {
      return new Options(port, value, retention, maxShards, clock);
    }

    public Options withRetention(RetentionBound value) {
      return new Options(port, region, value, maxShards, clock);
    }

    public Options withMaxShards(int value) {
      return new Options(port, region, retention, value, clock);
    }

    public Options withClock(Clock value) {
      return new Options(port, region, retention, maxShards, value);
    }
  }

  private final LoopbackHttpServer server;
  private final Options options;

  private KinesisLocal(Options options) throws IOException {
    this.options = options;
    Streams streams = new Streams(options.region(), options.maxShards(),
        new RetentionBudget(options.retention()), options.clock());
    this.server = LoopbackHttpServer.start(options.port(), BACKLOG,
        Map.of("/", new KinesisExchange(new KinesisApi(streams))),
        List.of(new RequestBodyDeadline(RequestBodyDeadline.DEFAULT_TIMEOUT), new LoopbackRequestGuard(KinesisLocal::refuse)));
  }

  /** Starts on a free port with the defaults. */
  public static KinesisLocal start() throws IOException {
    return start(Options.defaults());
  }

  public static KinesisLocal start(Options options) throws IOException {
    return new KinesisLocal(options);
  }

  public int port() {
    return server.port();
  }

  /** http://127.0.0.1:PORT, for a client's endpointOverride and AWS_ENDPOINT_URL_KINESIS. */
  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  public String region() {
    return options.region();
  }

  /** Stops serving at once and forgets every stream. */
  @Override
  public void close() {
    server.close();
  }

  private static void refuse(HttpExchange exchange, String reason) throws IOException {
    Wire wire = Wire.of(exchange.getRequestHeaders().getFirst("Content-Type")).orElse(Wire.JSON);
    KinesisExchange.sendError(exchange, wire, KinesisError.ACCESS_DENIED, reason);
  }
}
