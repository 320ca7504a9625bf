package dev.lambdaloom.functions.hello;

import dev.lambdaloom.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads an event and writes an answer as the handler does, without counting an invocation: what little hello loads
 * (the parser, the generator, the greeting's string handling) is loaded before the first request. A class rather
 * than a lambda: hello's cold start is the benchmark's trivial one, and a lambda is a class spun at init.
 */
final class HelloPriming implements Priming {
  private static final byte[] EVENT = "{\"name\":\"priming\",\"other\":[1,{\"a\":true}]}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void prime() {
    try {
      String name = HelloEvent.name(HelloHandler.JSON, new ByteArrayInputStream(EVENT));
      HelloAnswer.of(name, 0, "hello", 128).write(HelloHandler.JSON, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("hello's priming could not read its own sample event", e);
    }
  }
}
