package dev.lambdaloom.cli;

import dev.lambdaloom.emulator.AwsAccess;
import dev.lambdaloom.emulator.ShellCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The account behind {@code --aws}'s credentials: one STS GetCallerIdentity (it needs no permission), a few seconds
 * at most, no retry. Everything is read from the shell environment the emulator was given (not the process's), so
 * a test can point it at a local STS with AWS_ENDPOINT_URL_STS.
 */
final class AccountLookup {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

  private AccountLookup() {}

  /** "account 123456789012", or "account unknown (why)". */
  static String describe(AwsAccess access, String region) {
    Map<String, String> shell = access.shellEnvironment();
    try {
      StsClientBuilder builder = StsClient.builder()
          .region(Region.of(region))
          .credentialsProvider(credentials(access.shellCredentials(), shell))
          .httpClient(UrlConnectionHttpClient.builder()
              .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(CALL_TIMEOUT).build())
          .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT).retryStrategy(AwsRetryStrategy.doNotRetry()));
      String endpoint = shell.getOrDefault("AWS_ENDPOINT_URL_STS", shell.get("AWS_ENDPOINT_URL"));
      if (endpoint != null && !endpoint.isBlank()) {
        builder.endpointOverride(URI.create(endpoint));
      }
      try (StsClient sts = builder.build()) {
        return "account " + sts.getCallerIdentity().account();
      }
    } catch (RuntimeException e) {
      return "account unknown (" + firstLine(e.getMessage()) + ")";
    }
  }

  private static AwsCredentialsProvider credentials(ShellCredentials credentials, Map<String, String> shell) {
    return switch (credentials) {
      case ShellCredentials.AccessKeys keys -> StaticCredentialsProvider.create(keys.sessionToken()
          ? AwsSessionCredentials.create(keys.accessKeyId(), shell.get("AWS_SECRET_ACCESS_KEY"),
              shell.get("AWS_SESSION_TOKEN"))
          : AwsBasicCredentials.create(keys.accessKeyId(), shell.get("AWS_SECRET_ACCESS_KEY")));
      case ShellCredentials.Profile profile -> ProfileCredentialsProvider.builder()
          .profileFile(profileFiles(shell))
          .profileName(profile.name())
          .build();
    };
  }

  /** The shared config and credentials files where the shell's variables (or its HOME) say they are. */
  private static ProfileFile profileFiles(Map<String, String> shell) {
    String home = shell.getOrDefault("HOME", System.getProperty("user.home"));
    Path config = Path.of(shell.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
    Path credentials = Path.of(shell.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
    ProfileFile.Aggregator files = ProfileFile.aggregator();
    if (Files.isRegularFile(config)) {
      files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
    }
    if (Files.isRegularFile(credentials)) {
      files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
    }
    return files.build();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no answer";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
