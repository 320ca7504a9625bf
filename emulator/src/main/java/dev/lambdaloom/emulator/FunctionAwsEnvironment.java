package dev.lambdaloom.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS variables the emulator gives every function: credentials and endpoints. They are defaults: a variable
 * the template, --env-vars or --parameter-overrides set wins (see {@link LaunchPlans}).
 */
sealed interface FunctionAwsEnvironment extends AutoCloseable {
  /**
   * The placeholder credentials of local-only runs. The same as the CLI's own DynamoDB Local clients use: DynamoDB
   * Local keeps one database per access key id (and region), so functions and the CLI see the same tables.
   */
  String PLACEHOLDER = "lambdaloom";

  /** What the shell may hand a function with {@code --aws}: its credentials, or a profile and where to find it. */
  List<String> SHELL_CREDENTIAL_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "AWS_PROFILE", "HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE");

  /** The variables for one function. */
  Map<String, String> variables(String function);

  @Override
  void close();

  /** Starts what {@code access} needs (the guard, when local only); {@code directory} holds its files. */
  static FunctionAwsEnvironment open(AwsAccess access, Path directory, LogSink sink) {
    return switch (access.reach()) {
      case LOCAL_ONLY -> LocalOnly.open(access, directory, sink);
      case REAL_AWS -> new ShellAccess(access.shellEnvironment());
    };
  }

  /**
   * Placeholder credentials, never the shell's, and each of the SDKs' other credential sources closed: instance
   * metadata off, the shared config and credentials files empty ones of the emulator's (so no profile, no
   * ~/.aws, no endpoint_url of a profile); the shell's AWS_PROFILE, AWS_SESSION_TOKEN, AWS_CONTAINER_CREDENTIALS_*,
   * AWS_WEB_IDENTITY_TOKEN_FILE are not passed (a function starts with an empty environment). Local services get
   * their AWS_ENDPOINT_URL_SERVICE; AWS_ENDPOINT_URL, the fallback for every other service, is the guard.
   */
  record LocalOnly(LocalOnlyGuard guard, Path configFile, Path credentialsFile, Map<String, String> endpoints)
      implements FunctionAwsEnvironment {

    static LocalOnly open(AwsAccess access, Path directory, LogSink sink) {
      Path config = directory.resolve("config");
      Path credentials = directory.resolve("credentials");
      try {
        Files.createDirectories(directory);
        Files.writeString(config, "");
        Files.writeString(credentials, "");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the empty AWS config files in " + directory, e);
      }
      Map<String, String> endpoints = new LinkedHashMap<>();
      access.localEndpoints().forEach((service, uri) -> endpoints.put("AWS_ENDPOINT_URL_" + service, uri.toString()));
      return new LocalOnly(LocalOnlyGuard.start(sink), config, credentials, endpoints);
    }

    @Override
    public Map<String, String> variables(String function) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("AWS_ACCESS_KEY_ID", PLACEHOLDER);
      env.put("AWS_SECRET_ACCESS_KEY", PLACEHOLDER);
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_CONFIG_FILE", configFile.toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
      env.put("AWS_ENDPOINT_URL", guard.endpointFor(function));
      env.putAll(endpoints);
      return env;
    }

    @Override
    public void close() {
      guard.close();
    }
  }

  /** The shell's credential variables as they are; AWS's own endpoints; no guard. */
  record ShellAccess(Map<String, String> shellEnvironment) implements FunctionAwsEnvironment {
    @Override
    public Map<String, String> variables(String function) {
      Map<String, String> env = new LinkedHashMap<>();
      for (String name : SHELL_CREDENTIAL_VARIABLES) {
        String value = shellEnvironment.get(name);
        if (value != null) {
          env.put(name, value);
        }
      }
      return env;
    }

    @Override
    public void close() {}
  }
}
