package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the emulator behaves where Lambda leaves room or where a machine differs from AWS.
 *
 * @param initTimeout the init phase's limit; Lambda's is 10 s
 * @param idleTimeout how long an idle container stays warm before it is reaped
 * @param enforceLimits cap memory and share CPU like Lambda, where cgroups allow it
 * @param javaHome the JDK that runs java runtimes; the emulator's own by default
 * @param workDirectory containers' folders (/tmp, output) and unpacked code
 * @param region AWS_REGION inside functions and in ARNs
 * @param accountId the account id in ARNs
 * @param asyncRetryDelay the wait before the first retry of a failed Event invocation (doubles after);
 *     Lambda waits about a minute, which is too long on a desk
 * @param aws what functions may reach of AWS: local only by default
 */
public record EmulatorSettings(Duration initTimeout, Duration idleTimeout, boolean enforceLimits,
    Path javaHome, Path workDirectory, String region, String accountId, Duration asyncRetryDelay, AwsAccess aws) {

  public static EmulatorSettings defaults() {
    return new EmulatorSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), true,
        Path.of(System.getProperty("java.home")),
        Path.of(System.getProperty("java.io.tmpdir"), "lambdaloom-" + ProcessHandle.current().pid()),
        TemplateOverrides.DEFAULT_REGION, TemplateOverrides.DEFAULT_ACCOUNT_ID, Duration.ofSeconds(1),
        AwsAccess.localOnly());
  }

  public EmulatorSettings withInitTimeout(Duration value) {
    return new EmulatorSettings(value, idleTimeout, enforceLimits, javaHome, workDirectory, region, accountId,
        asyncRetryDelay, aws);
  }

  public EmulatorSettings withIdleTimeout(Duration value) {
    return new EmulatorSettings(initTimeout, value, enforceLimits, javaHome, workDirectory, region, accountId,
        asyncRetryDelay, aws);
  }

  public EmulatorSettings withEnforceLimits(boolean value) {
    return new EmulatorSettings(initTimeout, idleTimeout, value, javaHome, workDirectory, region, accountId,
        asyncRetryDelay, aws);
  }

  public EmulatorSettings withRegion(String value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, workDirectory, value, accountId,
        asyncRetryDelay, aws);
  }

  /** The same settings with a folder of their own next to this one, for another emulator in the same process. */
  public EmulatorSettings beside(String name) {
    return withWorkDirectory(workDirectory.resolveSibling(workDirectory.getFileName() + "-" + name));
  }

  public EmulatorSettings withWorkDirectory(Path value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, value, region, accountId,
        asyncRetryDelay, aws);
  }

  public EmulatorSettings withAsyncRetryDelay(Duration value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, workDirectory, region, accountId,
        value, aws);
  }

  public EmulatorSettings withAws(AwsAccess value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, workDirectory, region, accountId,
        asyncRetryDelay, value);
  }

  /** Local only or real AWS ({@code --aws}). */
  public EmulatorSettings withAwsReach(AwsReach value) {
    return withAws(aws.withReach(value));
  }

  /** The environment {@code --aws} takes credentials from: the process's own by default, another map in tests. */
  public EmulatorSettings withShellEnvironment(Map<String, String> value) {
    return withAws(aws.withShellEnvironment(value));
  }

  /** Services running on this machine, e.g. {@code {"S3": "http://127.0.0.1:9090"}}: see {@link AwsAccess}. */
  public EmulatorSettings withLocalEndpoints(Map<String, String> endpoints) {
    return withAws(aws.withLocalEndpoints(endpoints));
  }

  /** The environment the emulator was started in, as far as functions may inherit from it. */
  public Map<String, String> shellEnvironment() {
    return aws.shellEnvironment();
  }
}
