package dev.lambdaloom.emulator;

import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the emulator behaves where Lambda leaves room or where a machine differs from AWS. Immutable: start from
 * {@link #defaults()} and change one setting at a time with the {@code with...} methods.
 */
public final class EmulatorSettings {
  private final Duration initTimeout;
  private final Duration idleTimeout;
  private final boolean enforceLimits;
  private final Path javaHome;
  private final Path workParent;
  private final String region;
  private final String accountId;
  private final Duration asyncRetryDelay;
  private final AwsAccess aws;

  private EmulatorSettings(Copy copy) {
    this.initTimeout = Objects.requireNonNull(copy.initTimeout, "initTimeout");
    this.idleTimeout = Objects.requireNonNull(copy.idleTimeout, "idleTimeout");
    this.enforceLimits = copy.enforceLimits;
    this.javaHome = Objects.requireNonNull(copy.javaHome, "javaHome");
    this.workParent = Objects.requireNonNull(copy.workParent, "workParent");
    this.region = Objects.requireNonNull(copy.region, "region");
    this.accountId = Objects.requireNonNull(copy.accountId, "accountId");
    this.asyncRetryDelay = Objects.requireNonNull(copy.asyncRetryDelay, "asyncRetryDelay");
    this.aws = Objects.requireNonNull(copy.aws, "aws");
  }

  /**
   * Lambda's 10 s init limit, containers reaped after 5 idle minutes, Lambda's limits enforced where cgroups allow,
   * this JVM's JDK, work folders under the JVM's temporary folder, us-east-1, a retry of a failed Event invocation
   * after 1 s, and functions that reach local services only.
   */
  public static EmulatorSettings defaults() {
    Copy copy = new Copy();
    copy.initTimeout = Duration.ofSeconds(10);
    copy.idleTimeout = Duration.ofMinutes(5);
    copy.enforceLimits = true;
    copy.javaHome = Path.of(System.getProperty("java.home"));
    copy.workParent = Path.of(System.getProperty("java.io.tmpdir"));
    copy.region = TemplateOverrides.DEFAULT_REGION;
    copy.accountId = TemplateOverrides.DEFAULT_ACCOUNT_ID;
    copy.asyncRetryDelay = Duration.ofSeconds(1);
    copy.aws = AwsAccess.localOnly();
    return new EmulatorSettings(copy);
  }

  /** The init phase's limit; Lambda's is 10 s. */
  public Duration initTimeout() {
    return initTimeout;
  }

  /** How long an idle container stays warm before it is reaped. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Cap memory and share CPU like Lambda, where cgroups allow it. */
  public boolean enforceLimits() {
    return enforceLimits;
  }

  /** The JDK that runs java runtimes; the emulator's own by default. */
  public Path javaHome() {
    return javaHome;
  }

  /**
   * Where each emulator creates its own work folder (containers' /tmp and output, unpacked code): a new one per
   * emulator, owner-only, removed on close; the JVM's temporary folder by default.
   */
  public Path workParent() {
    return workParent;
  }

  /** AWS_REGION inside functions and in ARNs. */
  public String region() {
    return region;
  }

  /** The account id in ARNs. */
  public String accountId() {
    return accountId;
  }

  /**
   * The wait before the first retry of a failed Event invocation (doubles after); Lambda waits about a minute,
   * which is too long on a desk.
   */
  public Duration asyncRetryDelay() {
    return asyncRetryDelay;
  }

  /** What functions may reach of AWS: local only by default. */
  public AwsAccess aws() {
    return aws;
  }

  /** The environment the emulator was started in, as far as functions may inherit from it. */
  public Map<String, String> shellEnvironment() {
    return aws.shellEnvironment();
  }

  public EmulatorSettings withInitTimeout(Duration value) {
    Copy copy = copy();
    copy.initTimeout = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withIdleTimeout(Duration value) {
    Copy copy = copy();
    copy.idleTimeout = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withEnforceLimits(boolean value) {
    Copy copy = copy();
    copy.enforceLimits = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withRegion(String value) {
    Copy copy = copy();
    copy.region = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withWorkParent(Path value) {
    Copy copy = copy();
    copy.workParent = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withAsyncRetryDelay(Duration value) {
    Copy copy = copy();
    copy.asyncRetryDelay = value;
    return new EmulatorSettings(copy);
  }

  public EmulatorSettings withAws(AwsAccess value) {
    Copy copy = copy();
    copy.aws = value;
    return new EmulatorSettings(copy);
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

  private Copy copy() {
    Copy copy = new Copy();
    copy.initTimeout = initTimeout;
    copy.idleTimeout = idleTimeout;
    copy.enforceLimits = enforceLimits;
    copy.javaHome = javaHome;
    copy.workParent = workParent;
    copy.region = region;
    copy.accountId = accountId;
    copy.asyncRetryDelay = asyncRetryDelay;
    copy.aws = aws;
    return copy;
  }

  /** The settings while one is being changed: named fields, never a long positional list. */
  private static final class Copy {
    Duration initTimeout;
    Duration idleTimeout;
    boolean enforceLimits;
    Path javaHome;
    Path workParent;
    String region;
    String accountId;
    Duration asyncRetryDelay;
    AwsAccess aws;
  }
}
