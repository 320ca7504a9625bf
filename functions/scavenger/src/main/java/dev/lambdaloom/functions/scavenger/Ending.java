package dev.lambdaloom.functions.scavenger;

import java.util.Locale;

/** Why an invocation that returned stopped: the response's {@code stoppedBy}. A failed invocation throws instead. */
enum Ending {
  /** Every segment read to its end and every candidate settled: no resume. */
  COMPLETED,
  /** Time ran out before the table did: the resume goes on from there. */
  DEADLINE,
  /** DynamoDB kept throttling some reads or deletes past their retries: the resume reads them again. */
  THROTTLING;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
