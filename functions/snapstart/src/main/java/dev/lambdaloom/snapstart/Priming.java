package dev.lambdaloom.snapstart;

/**
 * Runs a function's hot path once without side effects, so that its classes are loaded (and, before a SnapStart
 * snapshot, in the snapshot) before the first request: the JSON readers and writers, the event types, the SDK
 * clients' marshallers, the validation. It sends nothing to any service but a loopback socket of its own or the
 * function's database: a priming that needs AWS would fail wherever AWS is out of reach (the emulator's guard answers
 * 403), and a priming that changed anything would not be one.
 */
@FunctionalInterface
public interface Priming {
  void prime() throws Exception;

  /**
   * Primes, and on failure says so on standard error and returns: priming only saves time, a failed one leaves a
   * slower first request, nothing worse.
   */
  default void runQuietly() {
    try {
      prime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("priming interrupted, the first request will be slower: " + e);
    } catch (Exception | LinkageError e) {
      System.err.println("priming failed, the first request will be slower: " + e);
    }
  }
}
