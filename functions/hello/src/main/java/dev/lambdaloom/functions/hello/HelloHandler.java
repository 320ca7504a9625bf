package dev.lambdaloom.functions.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest useful function: greets, and says whether this container was cold. The demo and the emulator
 * benchmark use it to show cold and warm starts.
 *
 * <p>A stream handler with jackson-core's streaming parser and generator, not a {@code RequestHandler<Map, Map>}: the
 * reflective mapping that the runtime applies to typed events (AWS's serialization library, a shaded Jackson
 * databind) loads about a thousand classes, and was two thirds of this function's cold start (README, Cold starts).
 *
 * <p>SnapStart: the hooks prime (see {@link HelloPriming}); there is nothing to release or restore. The invocation
 * count is still 0 in a snapshot (priming does not count), so a restored container's first answer says cold.
 */
public final class HelloHandler implements RequestStreamHandler {
  /** Per container, on purpose: it is how a function sees warm reuse. */
  private static final AtomicLong INVOCATIONS = new AtomicLong();
  /** Thread-safe and reusable; before HOOKS, whose priming uses it. */
  static final JsonFactory JSON = new JsonFactory();
  static final SnapStartHooks HOOKS = hooks(System.getenv());

  static SnapStartHooks hooks(Map<String, String> environment) {
    return SnapStartHooks.install("hello", environment, new HelloPriming(), SnapStartHooks.NOTHING,
        SnapStartHooks.NOTHING);
  }

  /**
   * Reads {@code {"name": ...}} (a missing, null or blank name gets the plain greeting) and writes the answer.
   *
   * @throws IOException the event is not JSON
   * @throws IllegalArgumentException the event is JSON but not an object, or its name is an object or an array
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    String name = HelloEvent.name(JSON, input);
    long invocation = INVOCATIONS.incrementAndGet();
    HelloAnswer.of(name, invocation, context.getFunctionName(), context.getMemoryLimitInMB()).write(JSON, output);
  }
}
