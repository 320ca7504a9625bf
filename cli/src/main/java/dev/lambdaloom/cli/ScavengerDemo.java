package dev.lambdaloom.cli;

import dev.lambdaloom.bench.scavenger.ScavengerLoop;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SeedSummary;
import dev.lambdaloom.services.dynamodb.WorkerTableSeeder;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The DynamoDB clean-up: seeds a worker table on an embedded DynamoDB Local, then runs the scavenger through the
 * emulator with a short timeout, feeding each response's resume point into the next event as a Step Functions loop
 * would, until done; then counts what is left.
 */
final class ScavengerDemo implements DemoStep {
  static final String FUNCTION = "ScavengerFunction";
  private final int items;
  private final Duration timeout;

  ScavengerDemo() {
    this(20_000, Duration.ofSeconds(3));
  }

  ScavengerDemo(int items, Duration timeout) {
    this.items = items;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "scavenger";
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s: seeds %,d worker records on DynamoDB Local, deletes the expired ones with a"
        + " %d s timeout, resuming until done", FUNCTION, items, timeout.toSeconds());
  }

  @Override
  public SummaryRow run(Emulator emulator, PrintStream out) throws Exception {
    try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
      SeedPlan plan = SeedPlan.article(SeedPlan.DEFAULT_TABLE).withItems(items);
      WorkerTableSeeder seeder = new WorkerTableSeeder(dynamo.client(), 8);
      seeder.recreateTable(plan.table());
      SeedSummary seeded = seeder.seed(plan, n -> {});
      out.println("  seeded: " + seeded.describe());

      // The same function with the local endpoint in its environment and a short timeout, in an emulator of its own.
      FunctionConfig declared = emulator.function(FUNCTION);
      Map<String, String> environment = new LinkedHashMap<>(declared.environment());
      environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
      environment.put("TABLE_NAME", plan.table());
      FunctionConfig local = declared.withEnvironment(environment).withTimeout(timeout);
      ScavengerLoop.Outcome outcome;
      try (Emulator scoped = new Emulator(List.of(local),
          emulator.settings(),
          LogSink.discard())) {
        outcome = new ScavengerLoop(scoped, FUNCTION, 200).run(Map.of(), step -> out.printf(Locale.ROOT,
            "  invocation %d%s: deleted %,d, conditionFailed %d, skipped %d, failed %d, %s; %s%n", step.number(),
            step.coldStart() ? " (cold)" : "", step.count("deleted"), step.count("conditionFailed"),
            step.count("skipped"), step.count("failed"), step.done() ? "done" : "resume",
            step.report().line()));
      }
      long left = 0;
      for (var page : dynamo.client().scanPaginator(b -> b.tableName(plan.table()).select(Select.COUNT))) {
        left += page.count();
      }
      // The table is the truth: a delete request cut at an invocation's hard deadline may have been applied without
      // its answer arriving, so it is not counted as deleted (it was deferred, and the next scan no longer finds it).
      boolean correct = left == plan.survivors();
      long unconfirmed = plan.expired() - outcome.total("deleted");
      String summary = String.format(Locale.ROOT, "%s, %,d of %,d deleted in %d invocations (%d resumes)%s, %,.0f"
              + " items/s, %,d left (expected %,d)", correct ? "ok" : "FAILED", outcome.total("deleted"),
          seeded.written(), outcome.invocations(), outcome.invocations() - 1,
          unconfirmed > 0 && correct ? String.format(Locale.ROOT, " + %,d whose answer a deadline cut", unconfirmed) : "",
          outcome.itemsPerSecond(), left, plan.survivors());
      out.println("  " + summary);
      var first = outcome.steps().getFirst().report();
      List<Double> warm = outcome.steps().stream().skip(1).map(s -> s.report().durationMs()).sorted().toList();
      return new SummaryRow(name(), FUNCTION, summary,
          String.format(Locale.ROOT, "init %.0f ms + first %.0f ms",
              first.initDurationMs() == null ? 0 : first.initDurationMs(), first.durationMs()),
          warm.isEmpty() ? "-" : String.format(Locale.ROOT, "median %.0f ms", warm.get(warm.size() / 2)),
          outcome.maxMemoryUsedMb() + " of " + local.memoryMb() + " MB");
    }
  }
}
