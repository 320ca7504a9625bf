package dev.lambdaloom.cli;

import dev.lambdaloom.bench.ProgressBar;
import dev.lambdaloom.services.dynamodb.DynamoDbClients;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SeedSummary;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "seed-table", mixinStandardHelpOptions = true,
    description = {"Creates the article's worker records table (WorkerId N + StartTime S; StartExecutionTime, EndTime,"
        + " PaginationToken, Completed as N or S) and fills it: mostly expired completed records, the rest recent or"
        + " not completed, plus a few malformed ones.",
        "Without --endpoint it starts an embedded DynamoDB Local (in memory): add --serve to keep it running."})
final class SeedTableCommand implements Callable<Integer> {
  @Option(names = "--items", defaultValue = "130000", description = "Well-formed records (default: ${DEFAULT-VALUE}, the article's table)")
  int items;

  @Option(names = "--expired-share", defaultValue = "0.9746",
      description = "Share of them completed and older than 48 h (default: ${DEFAULT-VALUE}: the article kept about 3,300 of 130,000)")
  double expiredShare;

  @Option(names = "--malformed", defaultValue = "12", description = "Extra records with a missing or garbage StartExecutionTime (default: ${DEFAULT-VALUE})")
  int malformed;

  @Option(names = "--table", defaultValue = SeedPlan.DEFAULT_TABLE, description = "Table name (default: ${DEFAULT-VALUE}); an existing one is replaced")
  String table;

  @Option(names = "--endpoint", paramLabel = "URL", description = "A DynamoDB endpoint already running, e.g. http://127.0.0.1:8000 (default: an embedded DynamoDB Local)")
  URI endpoint;

  @Option(names = "--writers", defaultValue = "8", description = "BatchWriteItem requests in flight (default: ${DEFAULT-VALUE})")
  int writers;

  @Option(names = "--seed", defaultValue = "" + SeedPlan.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--serve", description = "Keep the embedded DynamoDB Local running until Ctrl-C")
  boolean serve;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    SeedPlan plan = new SeedPlan(table, items, expiredShare, malformed, seed, Instant.now());
    if (endpoint != null) {
      try (DynamoDbClient client = DynamoDbClients.forEndpoint(endpoint)) {
        seed(client, plan, out);
      }
      return 0;
    }
    try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
      out.println("DynamoDB Local (embedded, in memory) at " + dynamo.endpoint());
      seed(dynamo.client(), plan, out);
      if (serve) {
        out.println("Serving " + dynamo.endpoint() + " until Ctrl-C; e.g. ./lambdaloom invoke ScavengerFunction with "
            + "AWS_ENDPOINT_URL_DYNAMODB=" + dynamo.endpoint() + " in --env-vars");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
      }
    }
    return 0;
  }

  private void seed(DynamoDbClient client, SeedPlan plan, PrintStream out) throws InterruptedException {
    WorkerTableSeeder seeder = new WorkerTableSeeder(client, writers);
    seeder.recreateTable(plan.table());
    SeedSummary summary;
    try (ProgressBar bar = ProgressBar.start("seeding " + plan.table(), plan.total())) {
      summary = seeder.seed(plan, bar::advance);
    }
    out.println("Seeded " + plan.table() + ": " + summary.describe());
    out.printf("A scavenger run must delete %,d and leave %,d.%n", plan.expired(), plan.survivors());
  }
}
