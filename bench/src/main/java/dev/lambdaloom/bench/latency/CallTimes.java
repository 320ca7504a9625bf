package dev.lambdaloom.bench.latency;

/**
 * One call of the chain, four readings of the machine's wall clock in microseconds since the epoch: A before the
 * call, A after its answer (RequestResponse: B's response; Event: the 202), B at its handler's start and end.
 */
record CallTimes(long send, long receive, long start, long end) {
  /** send to B's start: the Invoke API, the emulator and the runtime handing the event over. */
  long dispatch() {
    return start - send;
  }

  /** B's handler. */
  long handler() {
    return end - start;
  }

  /** B's end to A's receipt of the answer (RequestResponse only: an Event call's answer comes before B runs). */
  long back() {
    return receive - end;
  }

  /** send to answer: the whole call as A sees it (Event: until the 202). */
  long roundTrip() {
    return receive - send;
  }
}
