package dev.lambdaloom.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lambdaloom}: the local Lambda emulator, the demo and the benchmarks, in one command. */
@Command(
    name = "lambdaloom",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "I/O-heavy AWS Lambda functions in Java 25, run locally without Docker.",
    subcommands = {
        ServeCommand.class,
        TraceCommand.class,
        InvokeCommand.class,
        RunStateMachineCommand.class,
        EventCommand.class,
        StartApiCommand.class,
        MigrateCommand.class,
        DemoCommand.class,
        SeedTableCommand.class,
        ServicesCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(System.getenv(), args);
  }

  /** Runs as if started in a shell with {@code shellEnvironment}: what --aws would hand functions. */
  static int run(Map<String, String> shellEnvironment, String... args) {
    return configure(new CommandLine(new Main(), new ShellFactory(shellEnvironment))).execute(args);
  }

  /** How every command runs: enum values in any case, failures reported by {@link FailureReporter}. */
  static CommandLine configure(CommandLine commandLine) {
    return commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureReporter());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Gives every command's EmulatorOptions the shell environment; everything else as picocli makes it. */
  private record ShellFactory(Map<String, String> shellEnvironment) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == EmulatorOptions.class) {
        return type.cast(new EmulatorOptions(shellEnvironment));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"lambdaloom " + (version == null ? "dev" : version)
          + " (Java " + Runtime.version() + ", " + System.getProperty("os.name") + ")"};
    }
  }

  /** Errors users can act on get one clear line; anything else keeps its stack trace. */
  static final class FailureReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      if (e instanceof UserFacingException
          || e instanceof dev.lambdaloom.emulator.template.TemplateException
          || e instanceof dev.lambdaloom.emulator.LambdaServiceException
          || e instanceof IllegalArgumentException) {
        cmd.getErr().println("lambdaloom: " + e.getMessage());
        return 2;
      }
      e.printStackTrace(cmd.getErr());
      return 1;
    }
  }
}
