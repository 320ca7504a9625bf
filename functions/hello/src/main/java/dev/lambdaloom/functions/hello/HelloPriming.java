package dev.lambdaloom.functions.hello;

/**
 * Builds an answer as the handler does, without counting an invocation: what little hello loads (the greeting's
 * string handling, the response map) is loaded before the first request.
 */
final class HelloPriming {
  private HelloPriming() {}

  static void prime() {
    HelloHandler.respond("priming", 0, "hello", 128);
    HelloHandler.respond(null, 0, "hello", 128);
  }
}
