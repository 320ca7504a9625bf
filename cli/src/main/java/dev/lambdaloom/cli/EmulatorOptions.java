package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What every command that runs functions shares: the template, overrides, and Lambda's limits. */
final class EmulatorOptions {
  @Option(names = "--template", paramLabel = "FILE",
      description = "SAM template (default: ./template.yaml, else the one at Lambdaloom's root)")
  Path template;

  @Option(names = "--env-vars", paramLabel = "FILE",
      description = "JSON like sam local's: {\"Function\": {\"VAR\": \"value\"}, \"Parameters\": {...for all}}")
  Path envVars;

  @Option(names = "--parameter-overrides", paramLabel = "KEY=VALUE", split = ",",
      description = "Template parameter values")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--region", defaultValue = TemplateOverrides.DEFAULT_REGION, description = "AWS_REGION in functions (default: ${DEFAULT-VALUE})")
  String region;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Reap containers idle this long (default: ${DEFAULT-VALUE})")
  long idleSeconds;

  @Option(names = "--init-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Lambda's init phase limit (default: ${DEFAULT-VALUE})")
  long initSeconds;

  @Option(names = "--no-limits",
      description = "Do not cap memory or share CPU like Lambda (on by default where cgroups allow)")
  boolean noLimits;

  Path templateFile() {
    if (template != null) {
      return template;
    }
    Path here = Path.of("template.yaml");
    if (Files.isRegularFile(here)) {
      return here;
    }
    return LambdaloomHome.path().resolve("template.yaml");
  }

  SamTemplate loadTemplate() {
    return loadTemplate(Map.of());
  }

  /** The template with {@code environmentForAll} set in every function (an --env-vars file still wins). */
  SamTemplate loadTemplate(Map<String, String> environmentForAll) {
    TemplateOverrides overrides = TemplateOverrides.none().withRegion(region).withParameters(parameters);
    if (!environmentForAll.isEmpty()) {
      overrides = overrides.withEnvironment("*", environmentForAll);
    }
    if (envVars != null) {
      overrides = overrides.withEnvVarsFile(envVars);
    }
    return SamTemplate.load(templateFile(), overrides);
  }

  EmulatorSettings settings() {
    return EmulatorSettings.defaults()
        .withRegion(region)
        .withIdleTimeout(Duration.ofSeconds(idleSeconds))
        .withInitTimeout(Duration.ofSeconds(initSeconds))
        .withEnforceLimits(!noLimits);
  }

  Emulator start(LogSink sink) {
    return start(sink, Map.of());
  }

  Emulator start(LogSink sink, Map<String, String> environmentForAll) {
    SamTemplate loaded = loadTemplate(environmentForAll);
    Emulator emulator = Emulator.start(loaded, settings(), sink);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "lambdaloom-shutdown"));
    return emulator;
  }
}
