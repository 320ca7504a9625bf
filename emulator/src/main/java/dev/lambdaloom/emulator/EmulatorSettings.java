package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the emulator behaves where Lambda leaves room or where a machine differs from AWS.
 *
 * @param initTimeout the init phase's limit; Lambda's is 10 s
 * @param idleTimeout how long an idle container stays warm before it is reaped
 * @param enforceLimits cap memory and share CPU like Lambda, where cgroups allow it
 * @param javaHome the JDK that runs java runtimes; the emulator's own by default
 * @param workParent where each emulator creates its own work folder (containers' /tmp and output, unpacked code):
 *     a new one per emulator, owner-only, removed on close; the JVM's temporary folder by default
 * @param region AWS_REGION inside functions and in ARNs
 * @param accountId the account id in ARNs
 * @param asyncRetryDelay the wait before the first retry of a failed Event invocation (doubles after);
 *     Lambda waits about a minute, which is too long on a desk
 */
public record EmulatorSettings(Duration initTimeout, Duration idleTimeout, boolean enforceLimits,
    Path javaHome, Path workParent, String region, String accountId, Duration asyncRetryDelay) {

  public static EmulatorSettings defaults() {
    return new EmulatorSettings(Duration.ofSeconds(10), Duration.ofMinutes(5), true,
        Path.of(System.getProperty("java.home")),
        Path.of(System.getProperty("java.io.tmpdir")),
        TemplateOverrides.DEFAULT_REGION, TemplateOverrides.DEFAULT_ACCOUNT_ID, Duration.ofSeconds(1));
  }

  public EmulatorSettings withInitTimeout(Duration value) {
    return new EmulatorSettings(value, idleTimeout, enforceLimits, javaHome, workParent, region, accountId,
        asyncRetryDelay);
  }

  public EmulatorSettings withIdleTimeout(Duration value) {
    return new EmulatorSettings(initTimeout, value, enforceLimits, javaHome, workParent, region, accountId,
        asyncRetryDelay);
  }

  public EmulatorSettings withEnforceLimits(boolean value) {
    return new EmulatorSettings(initTimeout, idleTimeout, value, javaHome, workParent, region, accountId,
        asyncRetryDelay);
  }

  public EmulatorSettings withRegion(String value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, workParent, value, accountId,
        asyncRetryDelay);
  }

  public EmulatorSettings withWorkParent(Path value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, value, region, accountId,
        asyncRetryDelay);
  }

  public EmulatorSettings withAsyncRetryDelay(Duration value) {
    return new EmulatorSettings(initTimeout, idleTimeout, enforceLimits, javaHome, workParent, region, accountId,
        value);
  }
}
