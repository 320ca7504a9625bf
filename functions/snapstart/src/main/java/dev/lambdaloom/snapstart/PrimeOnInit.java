package dev.lambdaloom.snapstart;

import java.util.Map;

/**
 * Whether the function primes its hot path during init ({@value #VARIABLE}): {@code true} on, {@code false}, empty
 * or not set off. Any other value fails the init: a setting that could mean either is never guessed. Parsed here
 * rather than with core's settings, which the smallest function (hello) does not otherwise load at cold start.
 *
 * @param on prime during init
 */
public record PrimeOnInit(boolean on) {
  public static final String VARIABLE = "PRIME_ON_INIT";

  /** @throws IllegalArgumentException naming {@value #VARIABLE} and its two values, when it is anything else */
  public static PrimeOnInit fromEnvironment(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isEmpty() || value.equals("false")) {
      return new PrimeOnInit(false);
    }
    if (value.equals("true")) {
      return new PrimeOnInit(true);
    }
    throw new IllegalArgumentException(VARIABLE + " (from the environment) is \"" + value + "\": set it to true "
        + "(prime the hot path during init) or false (do not), exactly, or leave it unset");
  }

  /** Runs {@code priming} when on; see {@link Priming#runQuietly}. */
  public void primeIfOn(Priming priming) {
    if (on) {
      priming.runQuietly();
    }
  }
}
