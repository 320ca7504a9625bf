package dev.lambdaloom.functions.scavenger;

import dev.lambdaloom.core.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time Lambda gives this function: in proportion to its memory, 1,769 MB buying one vCPU (128 MB: 0.072),
 * up to 6. Below one vCPU, work that takes a millisecond of CPU takes 1/vcpus milliseconds of wall-clock time, and a
 * function that used up its quota waits for the next scheduling period (100 ms with cgroups' CFS) however little it
 * has left to do. Outside Lambda (no {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}), one vCPU.
 */
record CpuShare(int memoryMb, double vcpus) {
  static final int MB_PER_VCPU = 1_769;
  static final double MAX_VCPUS = 6;
  /** The period in which a CPU quota is handed out. */
  static final Duration SCHEDULING_PERIOD = Duration.ofMillis(100);

  static CpuShare of(Map<String, String> environment) {
    int memory = Settings.of(Map.of(), environment)
        .wholeNumber(null, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", MB_PER_VCPU, 128, 10_240);
    return new CpuShare(memory, Math.min(MAX_VCPUS, memory / (double) MB_PER_VCPU));
  }

  /**
   * How long work that takes {@code atOneVcpu} of wall-clock time on a whole vCPU takes with this share: longer
   * below one vCPU, plus one scheduling period in which the quota may already be spent; no faster above (the work is
   * one thread's).
   */
  Duration stretch(Duration atOneVcpu) {
    return vcpus >= 1 ? atOneVcpu : scale(atOneVcpu).plus(SCHEDULING_PERIOD);
  }

  /** {@code atOneVcpu} at this share's speed, for a small piece of a long stretch of work (no scheduling period). */
  Duration scale(Duration atOneVcpu) {
    return vcpus >= 1 ? atOneVcpu : Duration.ofNanos(Math.round(atOneVcpu.toNanos() / vcpus));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d MB = %.3f vCPU", memoryMb, vcpus);
  }
}
