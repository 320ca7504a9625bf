package dev.lambdaloom.emulator.api;

/** What an Invoke API request asks for, read from its method and path. */
sealed interface ApiOperation {
  /** {@code GET /2015-03-31/functions/} */
  record ListFunctions() implements ApiOperation {}

  /** {@code GET /2015-03-31/functions/{function}} */
  record GetFunction(String function) implements ApiOperation {}

  /** {@code POST /2015-03-31/functions/{function}/invocations} */
  record Invoke(String function) implements ApiOperation {}
}
