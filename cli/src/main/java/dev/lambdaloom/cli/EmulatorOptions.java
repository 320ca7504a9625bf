package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.AwsAccess;
import dev.lambdaloom.emulator.AwsReach;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** What every command that runs functions shares: the template, overrides, Lambda's limits, and AWS or not. */
final class EmulatorOptions {
  /** The environment the command was started in: where --aws takes credentials from. */
  private final Map<String, String> shellEnvironment;

  EmulatorOptions() {
    this(System.getenv());
  }

  EmulatorOptions(Map<String, String> shellEnvironment) {
    this.shellEnvironment = Map.copyOf(shellEnvironment);
  }

  @Option(names = "--aws",
      description = "Let functions reach real AWS with this shell's credentials (AWS_ACCESS_KEY_ID/..., or "
          + "AWS_PROFILE). Without it they get placeholder credentials and local endpoints, and every call meant "
          + "for AWS is refused on this machine")
  boolean aws;

  @Option(names = "--template", paramLabel = "FILE",
      description = "SAM template (default: ./template.yaml, else the one at Lambdaloom's root)")
  Path template;

  @Option(names = "--env-vars", paramLabel = "FILE",
      description = "JSON like sam local's: {\"Function\": {\"VAR\": \"value\"}, \"Parameters\": {...for all}}")
  Path envVars;

  @Option(names = "--parameter-overrides", paramLabel = "KEY=VALUE", split = ",",
      description = "Template parameter values")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--region", description = "AWS_REGION in functions (default: " + TemplateOverrides.DEFAULT_REGION
      + "; with --aws the shell's AWS_REGION or AWS_DEFAULT_REGION first)")
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
    TemplateOverrides overrides = TemplateOverrides.none().withRegion(region()).withParameters(parameters);
    if (!environmentForAll.isEmpty()) {
      overrides = overrides.withEnvironment("*", environmentForAll);
    }
    if (envVars != null) {
      overrides = overrides.withEnvVarsFile(envVars);
    }
    return SamTemplate.load(templateFile(), overrides);
  }

  AwsAccess access() {
    return AwsAccess.localOnly().withShellEnvironment(shellEnvironment)
        .withReach(aws ? AwsReach.REAL_AWS : AwsReach.LOCAL_ONLY);
  }

  String region() {
    return access().region(region);
  }

  EmulatorSettings settings() {
    return EmulatorSettings.defaults()
        .withAws(access())
        .withRegion(region())
        .withIdleTimeout(Duration.ofSeconds(idleSeconds))
        .withInitTimeout(Duration.ofSeconds(initSeconds))
        .withEnforceLimits(!noLimits);
  }

  /**
   * The first line a command prints: where functions' AWS calls go. With --aws, which credentials (a profile's
   * name, or the access key id's last 4 characters), the region, and the account when STS tells it.
   */
  void announce(PrintStream out) {
    AwsAccess access = access();
    String line = switch (access.reach()) {
      case LOCAL_ONLY -> "AWS: local only (functions get placeholder credentials and local endpoints; calls meant for"
          + " AWS are refused; --aws to reach AWS)";
      case REAL_AWS -> "AWS: REAL AWS with " + access.shellCredentials().describe() + ", region " + region() + ", "
          + AccountLookup.describe(access, region());
    };
    out.println(line);
    out.flush();
  }

  /** For commands that measure or demonstrate local services: --aws would only send their calls elsewhere. */
  void requireLocal(String command) {
    if (aws) {
      throw new UserFacingException(command + " runs its functions against the local services it starts; --aws is not"
          + " accepted here (use it with invoke, serve or start-api)");
    }
  }

  Emulator start(LogSink sink) {
    return start(sink, Map.of(), Map.of());
  }

  Emulator start(LogSink sink, Map<String, String> environmentForAll) {
    return start(sink, environmentForAll, Map.of());
  }

  /**
   * @param localEndpoints services this command runs, by service id ({"LAMBDA": "http://127.0.0.1:9001"}): each
   *     function gets AWS_ENDPOINT_URL_SERVICE for them, local only
   */
  Emulator start(LogSink sink, Map<String, String> environmentForAll, Map<String, String> localEndpoints) {
    SamTemplate loaded = loadTemplate(environmentForAll);
    Emulator emulator = Emulator.start(loaded, settings().withLocalEndpoints(localEndpoints), sink);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "lambdaloom-shutdown"));
    return emulator;
  }
}
