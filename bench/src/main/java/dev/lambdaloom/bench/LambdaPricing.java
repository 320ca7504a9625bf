package dev.lambdaloom.bench;

import java.time.Duration;

/**
 * What AWS Lambda charges for on-demand invocations in us-east-1: a price per request plus a
 * price per GB-second of billed duration, billed in 1 ms steps. The volume discounts above
 * 6 billion GB-seconds a month, the free tier, ephemeral storage and data transfer are ignored:
 * the experiments compare variants, they do not forecast an invoice.
 */
public final class LambdaPricing {

  // Source: AWS Lambda pricing page (aws.amazon.com/lambda/pricing), us-east-1, first tier, as of 2026.
  /** USD per GB-second of billed duration on x86_64. */
  public static final double X86_64_USD_PER_GB_SECOND = 0.0000166667;
  /** USD per GB-second of billed duration on arm64 (Graviton), about 20% less than x86_64. */
  public static final double ARM64_USD_PER_GB_SECOND = 0.0000133334;
  /** USD per request, whatever the architecture: $0.20 per million. */
  public static final double USD_PER_REQUEST = 0.20 / 1_000_000;

  private static final double MB_PER_GB = 1024.0;
  private static final double MS_PER_SECOND = 1000.0;

  private LambdaPricing() {
  }

  public static double usdPerGbSecond(Architecture architecture) {
    return switch (architecture) {
      case X86_64 -> X86_64_USD_PER_GB_SECOND;
      case ARM64 -> ARM64_USD_PER_GB_SECOND;
    };
  }

  /** The duration Lambda bills for a run of this length: rounded up to the next millisecond, at least 1 ms. */
  public static long billedMs(Duration duration) {
    long nanos = duration.toNanos();
    long ms = nanos / 1_000_000 + (nanos % 1_000_000 > 0 ? 1 : 0);
    return Math.max(1, ms);
  }

  /** {@link #billedMs(Duration)} for a duration in (fractional) milliseconds, e.g. a REPORT line's. */
  public static long billedMs(double durationMs) {
    return Math.max(1, (long) Math.ceil(durationMs));
  }

  /** GB-seconds for a billed duration at a memory size; Lambda counts 1 GB as 1,024 MB. */
  public static double gbSeconds(int memoryMb, long billedMs) {
    return memoryMb / MB_PER_GB * (billedMs / MS_PER_SECOND);
  }

  /**
   * What some invocations cost together.
   *
   * @param billedMs the billed duration of all of them together
   * @param requests how many invocations
   */
  public static double costUsd(Architecture architecture, int memoryMb, long billedMs, long requests) {
    return requests * USD_PER_REQUEST + gbSeconds(memoryMb, billedMs) * usdPerGbSecond(architecture);
  }

  /** What one million invocations cost when each is billed {@code avgBilledMs} on average. */
  public static double costPerMillionInvocations(Architecture architecture, int memoryMb, double avgBilledMs) {
    double gbSecondsEach = memoryMb / MB_PER_GB * (avgBilledMs / MS_PER_SECOND);
    return 1_000_000 * (USD_PER_REQUEST + gbSecondsEach * usdPerGbSecond(architecture));
  }
}
