package dev.lambdaloom.functions.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest useful function: greets, and says whether this container was cold. The demo and
 * the emulator benchmark use it to show cold and warm starts.
 */
public final class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Per container, on purpose: it is how a function sees warm reuse. */
  private static final AtomicLong INVOCATIONS = new AtomicLong();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    long invocation = INVOCATIONS.incrementAndGet();
    Object name = event == null ? null : event.get("name");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("message", Greeting.of(name == null ? null : name.toString()));
    response.put("coldStart", invocation == 1);
    response.put("invocationsInThisContainer", invocation);
    response.put("functionName", context.getFunctionName());
    response.put("memoryLimitMb", context.getMemoryLimitInMB());
    return response;
  }
}
