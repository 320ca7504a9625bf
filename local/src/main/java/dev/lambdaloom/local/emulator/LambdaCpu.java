package dev.lambdaloom.local.emulator;

/**
 * Lambda's CPU allocation, proportional to the memory setting: 1,769 MB buys one full vCPU, 128 MB
 * about 7% of one. The emulator's sandbox gives each container this share after init, and the
 * benchmarks use it to explain durations. At the maximum of 10,240 MB it gives 5.79 (AWS advertises
 * "up to 6 vCPUs" there); the cap of 6 only binds beyond Lambda's range.
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
}
