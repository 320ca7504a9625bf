package dev.lambdaloom.emulator.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When SNS tries a delivery again after Lambda refused it (throttled, or a service error): the phases of SNS's
 * delivery policy for AWS-managed endpoints, 3 retries at once, 2 after a second, then 10 with a backoff from 1 to 20
 * seconds. SNS goes on at 20 s for 100,000 more over 23 days; locally the delivery is given up after these 15 retries
 * (about 1.5 minutes) and logged. The function's own failures are not SNS's to retry: Lambda's async invocation does
 * (MaximumRetryAttempts).
 *
 * @param delays the wait before each retry, in order
 */
public record SnsRedelivery(List<Duration> delays) {
  public SnsRedelivery {
    delays = List.copyOf(delays);
  }

  /** SNS's managed policy, bounded as described. */
  public static SnsRedelivery managed() {
    List<Duration> delays = new ArrayList<>(List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ofSeconds(1), Duration.ofSeconds(1)));
    double min = 1;
    double max = 20;
    for (int i = 0; i < 10; i++) {
      // Exponential from 1 s to 20 s over the ten backoff retries, as SNS's default backoff function.
      delays.add(Duration.ofMillis(Math.round(1000 * min * Math.pow(max / min, i / 9.0))));
    }
    return new SnsRedelivery(delays);
  }
}
