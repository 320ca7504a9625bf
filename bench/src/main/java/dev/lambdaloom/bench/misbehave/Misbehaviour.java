package dev.lambdaloom.bench.misbehave;

import java.nio.charset.StandardCharsets;

/**
 * One way a function can misbehave, as the benchmark provokes it, and what the Go-on-Lambda stress test (the
 * article this benchmark follows) saw for it, in a few words.
 */
public enum Misbehaviour {
  OK("ok", "baseline, not a misbehaviour", Target.SHORT_TIMEOUT),
  THROW("throw", "a panic ended the process: \"process exited before completing request\"", Target.SHORT_TIMEOUT),
  HUGE_RESPONSE("huge-response", "not tried", Target.ROOMY_TIMEOUT),
  EXIT("exit", "os.Exit ended the process with the same error as a panic", Target.SHORT_TIMEOUT),
  LOOP("loop", "ran until the configured time limit stopped it", Target.SHORT_TIMEOUT),
  LEAK("leak", "the event bomb's leak ended the function once memory ran out", Target.ROOMY_TIMEOUT),
  LEAK_NATIVE("leak-native", "Go has one heap: the same as leak", Target.ROOMY_TIMEOUT),
  HUNG_INIT("hung-init", "not tried", Target.HUNG_INIT);

  /** Which of the benchmark's functions it misbehaves in. */
  enum Target {
    /** The fixture with the short Timeout: a runaway loop runs into it. */
    SHORT_TIMEOUT,
    /**
     * The fixture with a Timeout long enough to reach the limit the misbehaviour is about: at a small function's CPU
     * share, touching every page of MemorySize takes seconds, and so can writing 7 MB; a leak should end by running
     * out of memory and an oversized answer by being refused, not by running out of time.
     */
    ROOMY_TIMEOUT,
    /** The hung-init fixture, misbehaving in its cold start while its flag file exists. */
    HUNG_INIT
  }

  private final String label;
  private final String articleSaw;
  private final Target target;

  Misbehaviour(String label, String articleSaw, Target target) {
    this.label = label;
    this.articleSaw = articleSaw;
    this.target = target;
  }

  public String label() {
    return label;
  }

  /** What the article saw on Lambda, in a short phrase. */
  String articleSaw() {
    return articleSaw;
  }

  Target target() {
    return target;
  }

  /** The event that asks the fixture for this behaviour ({@code ok} for a hung init: init is the misbehaviour). */
  byte[] event() {
    String behave = target == Target.HUNG_INIT ? OK.label : label;
    return ("{\"behave\":\"" + behave + "\"}").getBytes(StandardCharsets.UTF_8);
  }
}
