package dev.lambdaloom.functions.hello;

import dev.lambdaloom.snapstart.Priming;

/**
 * Builds an answer as the handler does, without counting an invocation: what little hello loads (the greeting's
 * string handling, the response map) is loaded before the first request. A class rather than a lambda: hello's cold
 * start is the benchmark's trivial one, and a lambda is a class spun at init.
 */
final class HelloPriming implements Priming {
  @Override
  public void prime() {
    HelloHandler.respond("priming", 0, "hello", 128);
    HelloHandler.respond(null, 0, "hello", 128);
  }
}
