package dev.lambdaloom.snapstart;

import dev.lambdaloom.core.InvalidSettingException;
import dev.lambdaloom.core.Settings;
import java.util.Map;

/**
 * Whether the function primes its hot path during init ({@value #VARIABLE}): {@code true} on, {@code false} or not
 * set off. Any other value fails the init: a setting that could mean either is never guessed.
 *
 * @param on prime during init
 */
public record PrimeOnInit(boolean on) {
  public static final String VARIABLE = "PRIME_ON_INIT";

  /**
   * @throws InvalidSettingException naming {@value #VARIABLE} and its two values, when it is set to anything else
   */
  public static PrimeOnInit fromEnvironment(Map<String, String> environment) {
    try {
      return new PrimeOnInit(Settings.of(null, environment).flag(null, VARIABLE, false));
    } catch (InvalidSettingException e) {
      InvalidSettingException refused = new InvalidSettingException(VARIABLE, e.getMessage()
          + "; set " + VARIABLE + " to true (prime the hot path during init) or false (do not), or leave it unset");
      refused.initCause(e);
      throw refused;
    }
  }

  /** Runs {@code priming} when on; see {@link Priming#runQuietly}. */
  public void primeIfOn(Priming priming) {
    if (on) {
      priming.runQuietly();
    }
  }
}
