package dev.lambdaloom.emulator;

/**
 * Lambda's CPU allocation, proportional to the memory setting: 1,769 MB buys one full vCPU, 128 MB
 * about 7% of one. The emulator's sandbox gives each container this share after init, and the
 * benchmarks use it to explain durations. At the maximum of 10,240 MB it gives 5.79 (AWS advertises
 * "up to 6 vCPUs" there); the cap of 6 only binds beyond Lambda's range.
 *
 * <p>The processors a function sees are another matter: a sandbox has at least two whatever its
 * share, so a JVM at 1,769 MB sizes its thread pools (virtual-thread carriers, GC, JIT) for two.
 */
public final class LambdaCpu {

  /** The memory size at which a function gets exactly one vCPU. */
  public static final int MB_PER_VCPU = 1769;
  public static final int MAX_VCPUS = 6;

  private LambdaCpu() {
  }

  /** The vCPUs' worth of CPU time (a fraction below 1,769 MB) a function with this much memory gets, at most 6. */
  public static double vcpus(int memoryMb) {
    if (memoryMb <= 0) {
      throw new IllegalArgumentException("Memory must be positive: " + memoryMb + " MB");
    }
    return Math.min(MAX_VCPUS, memoryMb / (double) MB_PER_VCPU);
  }

  /**
   * The processors a function with this much memory sees (/proc/cpuinfo, {@code nproc}, the JVM's
   * {@code availableProcessors()}): two up to 3,008 MB, then one more at each 1,769 MB boundary
   * (3 from 3,009, 4 from 5,308, 5 from 7,077, 6 from 8,846), as measured on Lambda and published
   * (github.com/rwnx/lambda-cpuinfo). The CPU time they share is still {@link #vcpus(int)}.
   */
  public static int visibleProcessors(int memoryMb) {
    if (memoryMb <= 0) {
      throw new IllegalArgumentException("Memory must be positive: " + memoryMb + " MB");
    }
    if (memoryMb <= 3008) {
      return 2;
    }
    return Math.min(MAX_VCPUS, Math.max(3, (memoryMb - 1) / MB_PER_VCPU + 1)); // 3,009 MB jumps to 3
  }
}
