package dev.lambdaloom.services;

import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SeedSummary;
import dev.lambdaloom.services.dynamodb.TableSpec;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import dev.lambdaloom.services.kinesis.KinesisLocal;
import dev.lambdaloom.services.secretsmanager.SecretsManagerLocal;
import dev.lambdaloom.services.postgres.PostgresServer;
import dev.lambdaloom.services.s3.BucketName;
import dev.lambdaloom.services.s3.S3Server;
import dev.lambdaloom.services.sqs.ElasticMqServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The services functions talk to, started together on 127.0.0.1 with their data in temporary folders, and described as
 * the endpoints and environment variables a function needs ({@link #endpoints()}): for {@code ./lambdaloom services},
 * and for anything else that wants them all at once. They start in parallel (S3Mock's child JVM takes several seconds,
 * the others one or two), and {@link #close()} stops every one and deletes its data.
 */
public final class EmbeddedServices implements AutoCloseable {
  /** Writers in flight when seeding the worker table, as {@code seed-table} does by default. */
  private static final int SEED_WRITERS = 8;

  /**
   * What to start.
   *
   * @param services which services; at least one
   * @param ports a loopback port per service, 0 or absent for a free one
   * @param buckets S3 buckets that exist from the start (needs {@link Service#S3})
   * @param tables DynamoDB tables created at the start (needs {@link Service#DYNAMODB})
   * @param seedWorkers well-formed worker records to seed into the scavenger's table {@value SeedPlan#DEFAULT_TABLE}
   *     (article's mix of expired and recent), 0 for none (needs {@link Service#DYNAMODB})
   * @param region the region endpoints are described for
   */
  public record Options(Set<Service> services, Map<Service, Integer> ports, List<String> buckets,
      List<TableSpec> tables, int seedWorkers, String region) {
    public Options {
      services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
      ports = Map.copyOf(ports);
      buckets = List.copyOf(buckets);
      tables = List.copyOf(tables);
      if (services.isEmpty()) {
        throw new IllegalArgumentException("no service to start");
      }
      ports.forEach((service, port) -> {
        if (port < 0 || port > 65_535) {
          throw new IllegalArgumentException(service.title() + " port must be 0..65535, not " + port);
        }
      });
      if (seedWorkers < 0) {
        throw new IllegalArgumentException("workers to seed must be 0 or more, not " + seedWorkers);
      }
      buckets.forEach(BucketName::requireValid);
      requireService(services, Service.S3, !buckets.isEmpty(), "buckets " + buckets);
      requireService(services, Service.DYNAMODB, !tables.isEmpty(), "tables " + tables);
      requireService(services, Service.DYNAMODB, seedWorkers > 0, "seeded workers");
      if (seedWorkers > 0 && tables.stream().anyMatch(t -> t.name().equals(SeedPlan.DEFAULT_TABLE))) {
        throw new IllegalArgumentException("table " + SeedPlan.DEFAULT_TABLE + " is the one the seeded workers get");
      }
      if (tables.stream().map(TableSpec::name).distinct().count() != tables.size()) {
        throw new IllegalArgumentException("a table is named twice in " + tables);
      }
    }

    /** S3, DynamoDB Local, SQS (ElasticMQ), PostgreSQL, KinesisLocal and SecretsManagerLocal on free ports, nothing created, us-east-1. */
    public static Options all() {
      return new Options(EnumSet.allOf(Service.class), Map.of(), List.of(), List.of(), 0, "us-east-1");
    }

    public Options withServices(Collection<Service> value) {
      return new Options(EnumSet.copyOf(value), ports, buckets, tables, seedWorkers, region);
    }

    public Options withPort(Service service, int port) {
      Map<Service, Integer> value = new EnumMap<>(Service.class);
      value.putAll(ports);
      value.put(service, port);
      return new Options(services, value, buckets, tables, seedWorkers, region);
    }

    public Options withBuckets(List<String> value) {
      return new Options(services, ports, value, tables, seedWorkers, region);
    }

    public Options withTables(List<TableSpec> value) {
      return new Options(services, ports, buckets, value, seedWorkers, region);
    }

    public Options withSeedWorkers(int value) {
      return new Options(services, ports, buckets, tables, value, region);
    }

    public Options withRegion(String value) {
      return new Options(services, ports, buckets, tables, seedWorkers, value);
    }

    int port(Service service) {
      return ports.getOrDefault(service, 0);
    }

    private static void requireService(Set<Service> services, Service needed, boolean asked, String what) {
      if (asked && !services.contains(needed)) {
        throw new IllegalArgumentException(what + " need " + needed.title() + ", which is not among " + services);
      }
    }
  }

  private final List<AutoCloseable> running;
  private final ServiceEndpoints endpoints;
  private final S3Server s3;
  private final DynamoDbLocal dynamoDb;
  private final ElasticMqServer sqs;
  private final PostgresServer postgres;
  private final KinesisLocal kinesis;
  private final SecretsManagerLocal secretsManager;
  private final SeedSummary seeded;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedServices(Started started, String region, Duration startupTime) {
    this.running = List.copyOf(started.running);
    this.s3 = started.s3;
    this.dynamoDb = started.dynamoDb;
    this.sqs = started.sqs;
    this.postgres = started.postgres;
    this.kinesis = started.kinesis;
    this.secretsManager = started.secretsManager;
    this.seeded = started.seeded;
    this.startupTime = startupTime;
    List<Endpoint> list = new ArrayList<>();
    if (s3 != null) {
      list.add(Endpoint.s3(URI.create(s3.endpoint())));
    }
    if (dynamoDb != null) {
      list.add(Endpoint.dynamoDb(dynamoDb.endpoint()));
    }
    if (sqs != null) {
      list.add(Endpoint.sqs(sqs.endpoint()));
    }
    if (postgres != null) {
      list.add(new Endpoint.Postgres(postgres.jdbcUrl(), postgres.user(), postgres.password()));
    }
    if (kinesis != null) {
      list.add(Endpoint.kinesis(kinesis.endpoint()));
    }
    if (secretsManager != null) {
      list.add(Endpoint.secretsManager(secretsManager.endpoint()));
    }
    this.endpoints = new ServiceEndpoints(list, region);
  }

  /**
   * Starts the chosen services in parallel and returns once every one answers, its buckets and tables created and its
   * workers seeded. If one fails, those that started are stopped again and the failure is thrown (the others' as
   * suppressed ones).
   */
  public static EmbeddedServices start(Options options) throws InterruptedException {
    long began = System.nanoTime();
    Started started = new Started();
    List<Throwable> failures = new ArrayList<>();
    try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<Service, Future<?>> starting = new EnumMap<>(Service.class);
      for (Service service : options.services()) {
        starting.put(service, starters.submit(starter(service, options, started)));
      }
      for (Map.Entry<Service, Future<?>> start : starting.entrySet()) {
        try {
          start.getValue().get();
        } catch (ExecutionException e) {
          failures.add(new IllegalStateException(start.getKey().title() + " did not start: " + e.getCause().getMessage(),
              e.getCause()));
        }
      }
    } catch (InterruptedException e) {
      started.closeAll(e);
      throw e;
    }
    if (!failures.isEmpty()) {
      Throwable first = failures.getFirst();
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      started.closeAll(first);
      throw (IllegalStateException) first;
    }
    return new EmbeddedServices(started, options.region(), Duration.ofNanos(System.nanoTime() - began));
  }

  private static Callable<Void> starter(Service service, Options options, Started started) {
    return switch (service) {
      case S3 -> () -> {
        started.s3(S3Server.start(S3Server.Options.defaults().withPort(options.port(Service.S3))
            .withInitialBuckets(options.buckets().toArray(String[]::new)).withRegion(options.region())));
        return null;
      };
      case DYNAMODB -> () -> {
        DynamoDbLocal dynamo = started.dynamoDb(DynamoDbLocal.start(options.port(Service.DYNAMODB)));
        options.tables().forEach(table -> table.create(dynamo.client()));
        if (options.seedWorkers() > 0) {
          SeedPlan plan = SeedPlan.article(SeedPlan.DEFAULT_TABLE).withItems(options.seedWorkers());
          WorkerTableSeeder seeder = new WorkerTableSeeder(dynamo.client(), SEED_WRITERS);
          seeder.recreateTable(plan.table());
          started.seeded(seeder.seed(plan, written -> {}));
        }
        return null;
      };
      case SQS -> () -> {
        started.sqs(ElasticMqServer.start(ElasticMqServer.Options.defaults().withPort(options.port(Service.SQS))
            .withRegion(options.region())));
        return null;
      };
      case POSTGRES -> () -> {
        int port = options.port(Service.POSTGRES);
        if (port == 0) {
          started.postgres(PostgresServer.startTemporary());
          return null;
        }
        Path data = TemporaryFolder.create("lambdaloom-postgres-");
        try {
          started.postgres(PostgresServer.start(data, port, true));
        } catch (RuntimeException e) {
          TemporaryFolder.delete(data); // the server that would delete it on close never started
          throw e;
        }
        return null;
      };
      case KINESIS -> () -> {
        started.kinesis(KinesisLocal.start(KinesisLocal.Options.defaults().withPort(options.port(Service.KINESIS))
            .withRegion(options.region())));
        return null;
      };
      case SECRETSMANAGER -> () -> {
        started.secretsManager(SecretsManagerLocal.start(options.port(Service.SECRETSMANAGER), options.region()));
        return null;
      };
    };
  }

  /** Where each started service is, and the environment a function needs for them. */
  public ServiceEndpoints endpoints() {
    return endpoints;
  }

  public Optional<S3Server> s3() {
    return Optional.ofNullable(s3);
  }

  public Optional<DynamoDbLocal> dynamoDb() {
    return Optional.ofNullable(dynamoDb);
  }

  public Optional<ElasticMqServer> sqs() {
    return Optional.ofNullable(sqs);
  }

  public Optional<PostgresServer> postgres() {
    return Optional.ofNullable(postgres);
  }

  public Optional<KinesisLocal> kinesis() {
    return Optional.ofNullable(kinesis);
  }

  public Optional<SecretsManagerLocal> secretsManager() {
    return Optional.ofNullable(secretsManager);
  }

  /** What seeding the worker table wrote, if workers were to be seeded. */
  public Optional<SeedSummary> seeded() {
    return Optional.ofNullable(seeded);
  }

  /** From the first start to the last service ready, seeding included. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops every service, last started first, and deletes their temporary data; stops the rest if one fails. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = new IllegalStateException("not every embedded service stopped cleanly");
    for (AutoCloseable service : running.reversed()) {
      Started.closeInto(service, failure);
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** What the parallel starters have started so far, gathered under one lock. */
  private static final class Started {
    private final List<AutoCloseable> running = new ArrayList<>();
    private S3Server s3;
    private DynamoDbLocal dynamoDb;
    private ElasticMqServer sqs;
    private PostgresServer postgres;
    private KinesisLocal kinesis;
    private SecretsManagerLocal secretsManager;
    private SeedSummary seeded;

    synchronized void s3(S3Server value) {
      running.add(value);
      s3 = value;
    }

    synchronized DynamoDbLocal dynamoDb(DynamoDbLocal value) {
      running.add(value);
      dynamoDb = value;
      return value;
    }

    synchronized void sqs(ElasticMqServer value) {
      running.add(value);
      sqs = value;
    }

    synchronized void postgres(PostgresServer value) {
      running.add(value);
      postgres = value;
    }

    synchronized void kinesis(KinesisLocal value) {
      running.add(value);
      kinesis = value;
    }

    synchronized void secretsManager(SecretsManagerLocal value) {
      running.add(value);
      secretsManager = value;
    }

    synchronized void seeded(SeedSummary value) {
      seeded = value;
    }

    synchronized void closeAll(Throwable cause) {
      for (AutoCloseable service : running.reversed()) {
        closeInto(service, cause);
      }
    }

    static void closeInto(AutoCloseable service, Throwable failure) {
      try {
        service.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
