package dev.lambdaloom.runtimes.al2023;

import dev.lambdaloom.emulator.template.FunctionConfig;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The module's build step (exec-maven-plugin, package phase): for each listed function a {@code provided.al2023} zip,
 * {@code <zip>-al2023.zip} beside this module's other output: its java25 zip's code, AWS's runtime interface client,
 * the shared jlinked JDK and an AOT cache trained on the function's recorded invocation. Fails with the function's
 * name and the fix when a training run fails or a zip is over the budget.
 */
public final class CustomRuntimeBuild {
  /** The project's reproducible-build time (project.build.outputTimestamp): same inputs, same zip bytes. */
  static final FileTime TIMESTAMP = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
  private static final Duration CREATE_LIMIT = Duration.ofMinutes(5);

  /** One built zip. */
  record Built(String function, Path zip, long zipBytes, long unzippedBytes, long cacheBytes, Duration took) {}

  private final BuildOptions options;
  private final PrintStream out;

  CustomRuntimeBuild(BuildOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    try {
      BuildOptions options = BuildOptions.parse(args);
      new CustomRuntimeBuild(options, System.out).build();
    } catch (CustomRuntimeException | IllegalArgumentException e) {
      System.err.println("[custom runtime] " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.err.println("[custom runtime] " + e);
      e.printStackTrace();
      System.exit(1);
    } catch (InterruptedException e) {
      System.exit(130);
    }
  }

  List<Built> build() throws IOException, InterruptedException {
    long start = System.nanoTime();
    SamTemplate template = SamTemplate.load(options.template());
    List<FunctionConfig> functions = new ArrayList<>();
    for (String name : options.functions()) {
      functions.add(template.function(name).orElseThrow(() -> new CustomRuntimeException(name
          + " is not a function of " + options.template() + "; fix -Dcustom-runtime.functions (now "
          + String.join(",", options.functions()) + ")")));
    }
    Files.createDirectories(options.out());
    Path image = JdkImage.ensure(options.jdk(), allJars(functions), options.out());
    List<Built> built = new ArrayList<>();
    for (FunctionConfig function : functions) {
      TrainingSpec spec = TrainingSpec.find(function.name()).orElseThrow(() -> new CustomRuntimeException(
          function.name() + " has no training event: add " + TrainingSpec.RESOURCE_FOLDER + "/" + function.name()
              + ".json (an event it answers without any service), or leave it out of -Dcustom-runtime.functions"));
      try (TrainingServices services = TrainingServices.startFor(function, spec)) { // one start for all its loops
        for (RuntimeLoop loop : options.loops()) {
          built.add(buildOne(function, loop, image, new Training(spec, services)));
        }
      }
    }
    out.printf(Locale.ROOT, "[custom runtime] %d zips in %.1f s%n", built.size(), (System.nanoTime() - start) / 1e9);
    return built;
  }

  /** A function's training event and the services it reaches, shared by its loops' runs. */
  private record Training(TrainingSpec spec, TrainingServices services) {}

  private Built buildOne(FunctionConfig function, RuntimeLoop loop, Path image, Training training)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    String name = zipName(function);
    Path work = options.out().resolve("custom-runtime").resolve(function.name()).resolve(loop.folder());
    Path stage = work.resolve("stage");
    List<String> classpath = RuntimeStage.lay(new RuntimeStage.Code(function.codeUri(), name, loop,
        options.jars(loop)), image, stage, TIMESTAMP);
    switch (TrainingRun.run(function, stage, training.spec(), training.services(), work.resolve("training"))) {
      case TrainingOutcome.Failed failed -> throw trainingFailed(function.name(), failed.reason());
      case TrainingOutcome.Recorded recorded -> createCache(function, stage, recorded.configuration());
    }
    RuntimeStage.recordCacheJars(stage, classpath);
    Path zip = options.out().resolve(loop.zipName(name));
    RuntimeZip.write(stage, zip, TIMESTAMP);
    long bytes = Files.size(zip);
    long cacheBytes = Files.size(stage.resolve(RuntimeStage.CACHE));
    long unzipped = 0;
    for (Path file : Folders.files(stage)) {
      unzipped += Files.size(file);
    }
    Built built = new Built(function.name(), zip, bytes, unzipped, cacheBytes, Duration.ofNanos(System.nanoTime() - start));
    out.printf(Locale.ROOT, "[custom runtime] %s: %s %.1f MB zipped (budget %.0f), %.1f MB unzipped (budget %.0f), "
            + "AOT cache %.1f MB; built in %.1f s%n", function.name(), zip.getFileName(), mb(bytes),
        mb(options.budgetBytes()), mb(unzipped), mb(options.unzippedBudgetBytes()), mb(cacheBytes),
        built.took().toMillis() / 1e3);
    SizeBudget.check(built, options.budgetBytes(), options.unzippedBudgetBytes());
    return built;
  }

  static CustomRuntimeException trainingFailed(String function, String reason) {
    return new CustomRuntimeException("the AOT training run of " + function + " failed: " + reason + "\n  Fix: make "
        + TrainingSpec.RESOURCE_FOLDER + "/" + function + ".json an event the function answers without any service "
        + "(settings for the run go in " + function + ".properties: env.NAME=value, expectedError=Type for a deliberate "
        + "rejection), or leave " + function + " out of -Dcustom-runtime.functions");
  }

  /** The AOT cache, made by the bootstrap itself in its create mode so that it gets the very flags of a start. */
  private static void createCache(FunctionConfig function, Path stage, Path configuration)
      throws IOException, InterruptedException {
    Path cache = stage.resolve(RuntimeStage.CACHE);
    Files.deleteIfExists(cache);
    Map<String, String> environment = new java.util.HashMap<>();
    if (function.environment().containsKey("JAVA_TOOL_OPTIONS")) {
      environment.put("JAVA_TOOL_OPTIONS", function.environment().get("JAVA_TOOL_OPTIONS"));
    }
    environment.put("LAMBDA_TASK_ROOT", stage.toAbsolutePath().toString());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
    environment.put("_HANDLER", function.handler());
    environment.put(TrainingRun.TRAINING_VARIABLE, configuration.toAbsolutePath().toString());
    environment.put("LAMBDALOOM_AOT_CREATE", cache.toAbsolutePath().toString());
    Commands.run(List.of(stage.resolve("bootstrap").toAbsolutePath().toString()), stage, environment, CREATE_LIMIT,
        "the AOT cache's creation for " + function.name());
    if (!Files.isRegularFile(cache)) {
      throw new CustomRuntimeException("the JVM wrote no AOT cache for " + function.name() + " from " + configuration);
    }
    Files.delete(configuration);
  }

  /** Every jar of every listed function and of each loop: what the JDK image must serve. */
  private Set<Path> allJars(List<FunctionConfig> functions) throws IOException {
    Set<Path> jars = new LinkedHashSet<>();
    Path unpacked = options.out().resolve("custom-runtime/jdeps-input");
    Folders.deleteTree(unpacked);
    for (FunctionConfig function : functions) {
      if (!Files.isRegularFile(function.codeUri())) {
        throw new CustomRuntimeException(function.name() + ": " + function.codeUri()
            + " does not exist; build the function first (./mvnw package -pl runtimes/al2023 -am)");
      }
      for (RuntimeLoop loop : options.loops()) {
        Path stage = unpacked.resolve(function.name()).resolve(loop.folder());
        List<String> classpath = RuntimeStage.lay(new RuntimeStage.Code(function.codeUri(), zipName(function), loop,
            options.jars(loop)), emptyImage(unpacked), stage, TIMESTAMP);
        classpath.forEach(jar -> jars.add(stage.resolve(jar)));
      }
    }
    return jars;
  }

  private static Path emptyImage(Path parent) throws IOException {
    return Files.createDirectories(parent.resolve("no-image"));
  }

  /** hello.zip gives hello: the java25 zip's name, so the two sit side by side. */
  static String zipName(FunctionConfig function) {
    String file = function.codeUri().getFileName().toString();
    return file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
  }

  private static double mb(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

}
