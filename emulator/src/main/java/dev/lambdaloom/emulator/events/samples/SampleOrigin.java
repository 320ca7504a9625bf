package dev.lambdaloom.emulator.events.samples;

import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and when a sample event happens: the region and account in its ARNs, the instant of its first record and
 * the seed its ids, sequence numbers and hashes derive from. The same origin gives the same event, byte for byte.
 *
 * @param region an AWS region name such as us-east-1
 * @param accountId twelve digits
 * @param seed what every generated id derives from
 * @param time when the first record happened; later records of a batch follow it
 */
public record SampleOrigin(String region, String accountId, long seed, Instant time) {
  /** A fixed instant rather than the clock, so that an event generated twice is the same. */
  public static final Instant DEFAULT_TIME = Instant.parse("2025-01-01T00:00:00Z");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  public SampleOrigin {
    Objects.requireNonNull(time, "time");
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidSampleException("region must be a region name such as us-east-1, found " + region);
    }
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new InvalidSampleException("account must be 12 digits, found " + accountId);
    }
  }

  /** us-east-1, account 123456789012 (as sam local generate-event has them), seed 1, {@link #DEFAULT_TIME}. */
  public static SampleOrigin defaults() {
    return new SampleOrigin(TemplateOverrides.DEFAULT_REGION, TemplateOverrides.DEFAULT_ACCOUNT_ID, 1, DEFAULT_TIME);
  }

  public SampleOrigin withRegion(String value) {
    return new SampleOrigin(value, accountId, seed, time);
  }

  public SampleOrigin withAccountId(String value) {
    return new SampleOrigin(region, value, seed, time);
  }

  public SampleOrigin withSeed(long value) {
    return new SampleOrigin(region, accountId, value, time);
  }

  public SampleOrigin withTime(Instant value) {
    return new SampleOrigin(region, accountId, seed, value);
  }

  /** A fresh id source for one event: each event starts from the seed, so its ids do not depend on earlier events. */
  SampleIds ids() {
    return new SampleIds(seed);
  }

  /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
  String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
