package dev.lambdaloom.functions.ingest;

/** Where S3 requests report how long they took, for {@link PublishCosts} to learn from. Thread-safe. */
@FunctionalInterface
interface RequestTimes {
  /** Requests that report to nobody (priming, tests that do not measure). */
  RequestTimes IGNORED = (bodyBytes, wallNanos) -> {};

  /** One request's wall time, with the bytes of its body. */
  void request(long bodyBytes, long wallNanos);

  /** Runs {@code call} and reports how long it took. */
  default <T> T timed(long bodyBytes, java.util.function.Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    request(bodyBytes, System.nanoTime() - start);
    return result;
  }
}
