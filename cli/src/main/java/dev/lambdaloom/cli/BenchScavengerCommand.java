package dev.lambdaloom.cli;

import dev.lambdaloom.bench.scavenger.ScavengerBenchmark;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scavenger", mixinStandardHelpOptions = true,
    description = "The article's DynamoDB clean-up on DynamoDB Local: sequential vs parallel scan segments x deletes"
        + " in flight, through the emulator; items/s, requests, billed duration and cost at 128-2,048 MB.")
final class BenchScavengerCommand implements Callable<Integer> {
  @Mixin EmulatorOptions options;

  @Option(names = "--function", defaultValue = ScavengerDemo.FUNCTION, description = "The scavenger function (default: ${DEFAULT-VALUE})")
  String function;

  @Option(names = "--items", defaultValue = "130000", description = "Records per table, as in the article (default: ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--expired-share", defaultValue = "" + SeedPlan.DEFAULT_EXPIRED_SHARE, description = "Share to delete (default: ${DEFAULT-VALUE})")
  double expiredShare;

  @Option(names = "--grid", split = ",", paramLabel = "SEGMENTSxDELETES",
      defaultValue = "1x1,10x10,20x10,50x20,100x100",
      description = "Settings to run, the sequential 1x1 baseline first (default: ${DEFAULT-VALUE})")
  List<String> grid;

  @Option(names = "--memory", defaultValue = "1024", description = "The function's MemorySize for every run, MB (default: ${DEFAULT-VALUE})")
  int memoryMb;

  @Option(names = "--delete-mode", defaultValue = "batch", description = "batch, transact or item (default: ${DEFAULT-VALUE})")
  String deleteMode;

  @Option(names = "--no-designs", description = "Skip comparing the three delete designs at the fastest setting")
  boolean noDesigns;

  @Option(names = "--no-article-baseline",
      description = "Skip the article's sequential design (1x1, one DeleteItem per item) run first")
  boolean noArticleBaseline;

  @Mixin ResultsOption results;

  @Override
  public Integer call() throws Exception {
    options.requireLocal("bench scavenger");
    Path root = results.root();
    List<ScavengerBenchmark.Setting> settings = grid.stream().map(ScavengerBenchmark.Setting::parse).toList();
    new ScavengerBenchmark(new ScavengerBenchmark.Options(options.templateFile(), function, items, expiredShare,
        SeedPlan.DEFAULT_MALFORMED, settings, memoryMb, deleteMode, !noArticleBaseline, !noDesigns, root,
        options.settings()),
        System.out).run();
    return 0;
  }
}
