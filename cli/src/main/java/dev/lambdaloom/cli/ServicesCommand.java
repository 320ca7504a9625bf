package dev.lambdaloom.cli;

import dev.lambdaloom.services.EmbeddedServices;
import dev.lambdaloom.services.Endpoint;
import dev.lambdaloom.services.EnvVarsFile;
import dev.lambdaloom.services.Service;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.TableSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "services", mixinStandardHelpOptions = true,
    description = {"Start the embedded S3, DynamoDB Local, SQS (ElasticMQ), PostgreSQL and Kinesis on 127.0.0.1 until Ctrl-C, and write their"
        + " endpoints to an --env-vars file for invoke, serve and start-api.",
        "Their data is temporary: Ctrl-C stops them, deletes it, and removes the env-vars file."})
final class ServicesCommand implements Callable<Integer> {
  @Option(names = "--only", split = ",", paramLabel = "SERVICE",
      description = "Which services (default: all): ${COMPLETION-CANDIDATES}")
  List<Service> only = new ArrayList<>();

  @Option(names = "--env-vars-file", paramLabel = "FILE", defaultValue = "services.env.json",
      description = "Where to write their environment, sam local's --env-vars format, owner-only; a file not written"
          + " by this command is never replaced (default: ${DEFAULT-VALUE})")
  Path envVarsFile;

  @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "0", description = "S3 port (default: a free one)")
  int s3Port;

  @Option(names = "--dynamodb-port", paramLabel = "PORT", defaultValue = "0", description = "DynamoDB Local port (default: a free one)")
  int dynamoDbPort;

  @Option(names = "--sqs-port", paramLabel = "PORT", defaultValue = "0", description = "SQS (ElasticMQ) port (default: a free one)")
  int sqsPort;

  @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "0", description = "PostgreSQL port (default: a free one)")
  int postgresPort;

  @Option(names = "--kinesis-port", paramLabel = "PORT", defaultValue = "0", description = "Kinesis port (default: a free one)")
  int kinesisPort;

  @Option(names = "--secretsmanager-port", paramLabel = "PORT", defaultValue = "0",
      description = "Secrets Manager port (default: a free one)")
  int secretsManagerPort;

  @Option(names = "--bucket", split = ",", paramLabel = "NAME", description = "S3 buckets to create, e.g. readings")
  List<String> buckets = new ArrayList<>();

  @Option(names = "--table", paramLabel = "NAME[:KEY:TYPE[:SORTKEY:TYPE]]",
      description = "DynamoDB tables to create (TYPE: S, N or B; NAME alone: key id of type S), e.g. Orders:id:S")
  List<String> tables = new ArrayList<>();

  @Option(names = "--seed-workers", paramLabel = "N", defaultValue = "0",
      description = "Seed the scavenger's " + SeedPlan.DEFAULT_TABLE + " table with N worker records (as seed-table does)")
  int seedWorkers;

  @Option(names = "--region", defaultValue = "us-east-1", description = "AWS_REGION in the env-vars file (default: ${DEFAULT-VALUE})")
  String region;

  /** Released by a test; on the command line only Ctrl-C ends the wait (the shutdown hook stops everything). */
  private final CountDownLatch stop;

  ServicesCommand() {
    this(new CountDownLatch(1));
  }

  ServicesCommand(CountDownLatch stop) {
    this.stop = stop;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    EmbeddedServices.Options options = options();
    EnvVarsFile file = claim(envVarsFile);
    out.println("Starting " + String.join(", ", options.services().stream().map(Service::title).toList())
        + " on 127.0.0.1" + (seedWorkers > 0 ? String.format(Locale.ROOT, " (and seeding %,d workers)", seedWorkers) : "")
        + "...");
    out.flush();
    EmbeddedServices services;
    try {
      services = EmbeddedServices.start(options);
    } catch (IllegalStateException e) {
      throw new UserFacingException(e.getMessage(), e); // which service, and why (those that started are stopped)
    }
    Shutdown shutdown = new Shutdown(services, file, out);
    Thread hook = new Thread(shutdown::run, "lambdaloom-services-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      try {
        file.write(services.endpoints().environment());
      } catch (FileAlreadyExistsException e) {
        throw notOurs(e);
      }
      describe(services, file.path(), out);
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
      shutdown.run();
    }
    return 0;
  }

  private EmbeddedServices.Options options() {
    EmbeddedServices.Options options = EmbeddedServices.Options.all()
        .withPort(Service.S3, s3Port)
        .withPort(Service.DYNAMODB, dynamoDbPort)
        .withPort(Service.SQS, sqsPort)
        .withPort(Service.POSTGRES, postgresPort)
        .withPort(Service.KINESIS, kinesisPort)
        .withPort(Service.SECRETSMANAGER, secretsManagerPort)
        .withBuckets(buckets)
        .withTables(tables.stream().map(TableSpec::parse).toList())
        .withSeedWorkers(seedWorkers)
        .withRegion(region);
    return only.isEmpty() ? options : options.withServices(EnumSet.copyOf(only));
  }

  private static EnvVarsFile claim(Path path) throws IOException {
    try {
      return EnvVarsFile.claim(path);
    } catch (FileAlreadyExistsException e) {
      throw notOurs(e);
    }
  }

  private static UserFacingException notOurs(FileAlreadyExistsException e) {
    return new UserFacingException(e.getFile() + ": " + e.getReason() + " (--env-vars-file FILE)", e);
  }

  private void describe(EmbeddedServices services, Path file, PrintStream out) {
    out.printf(Locale.ROOT, "Ready in %.1f s, on 127.0.0.1 only:%n", services.startupTime().toMillis() / 1000.0);
    for (Endpoint endpoint : services.endpoints().endpoints()) {
      String where = switch (endpoint) {
        case Endpoint.Aws aws -> aws.url() + "  " + aws.variable() + switch (aws.service()) {
          case S3 -> buckets.isEmpty() ? "" : "  buckets: " + String.join(", ", buckets);
          case DYNAMODB -> dynamoDbContents(services);
          case SQS, POSTGRES, KINESIS, SECRETSMANAGER -> "";
        };
        case Endpoint.Postgres db -> db.jdbcUrl() + "  user " + db.user() + ", password in the env-vars file";
      };
      out.printf(Locale.ROOT, "  %-16s %s%n", endpoint.service().title(), where);
    }
    String path = ShellWords.quote(file.toString());
    out.println("Environment for functions (sam local's --env-vars format, readable by you only): " + file);
    out.println("Use it with:");
    out.println("  ./lambdaloom invoke FUNCTION --env-vars " + path + " --event event.json");
    out.println("  ./lambdaloom serve --env-vars " + path);
    if (services.seeded().isPresent()) {
      out.println("  echo '{\"dryRun\": true}' | ./lambdaloom invoke ScavengerFunction --env-vars " + path + " --event -");
    }
    out.println("Ctrl-C stops them, deletes their data and removes " + file.getFileName() + ".");
    out.flush();
  }

  private String dynamoDbContents(EmbeddedServices services) {
    List<String> names = new ArrayList<>(tables.stream().map(t -> TableSpec.parse(t).toString()).toList());
    services.seeded().ifPresent(seeded -> names.add(
        String.format(Locale.ROOT, "%s (%,d worker records seeded)", SeedPlan.DEFAULT_TABLE, seeded.written())));
    return names.isEmpty() ? "" : "  tables: " + String.join(", ", names);
  }

  /** Stops the services and removes the env-vars file, once, from the shutdown hook or the command's end. */
  private static final class Shutdown implements Runnable {
    private final EmbeddedServices services;
    private final EnvVarsFile file;
    private final PrintStream out;
    private boolean done;

    Shutdown(EmbeddedServices services, EnvVarsFile file, PrintStream out) {
      this.services = services;
      this.file = file;
      this.out = out;
    }

    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      try {
        services.close();
      } finally {
        try {
          boolean removed = file.deleteIfOurs();
          out.println("Stopped the services and deleted their data" + (removed ? "; removed " + file.path() : "") + ".");
        } catch (IOException e) {
          out.println("Stopped the services; could not remove " + file.path() + ": " + e.getMessage());
        }
        out.flush();
      }
    }
  }
}
