package dev.lambdaloom.functions.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The smallest useful function: greets, and says whether this container was cold. The demo and
 * the emulator benchmark use it to show cold and warm starts.
 *
 * <p>SnapStart: the hooks prime (see {@link HelloPriming}); there is nothing to release or restore. The invocation
 * count is still 0 in a snapshot (priming does not count), so a restored container's first answer says cold.
 */
public final class HelloHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Per container, on purpose: it is how a function sees warm reuse. */
  private static final AtomicLong INVOCATIONS = new AtomicLong();
  static final SnapStartHooks HOOKS = hooks(System.getenv());

  static SnapStartHooks hooks(Map<String, String> environment) {
    return SnapStartHooks.install("hello", environment, new HelloPriming(), SnapStartHooks.NOTHING,
        SnapStartHooks.NOTHING);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    long invocation = INVOCATIONS.incrementAndGet();
    Object name = event == null ? null : event.get("name");
    return respond(name, invocation, context.getFunctionName(), context.getMemoryLimitInMB());
  }

  static Map<String, Object> respond(Object name, long invocation, String functionName, int memoryLimitMb) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("message", Greeting.of(name == null ? null : name.toString()));
    response.put("coldStart", invocation == 1);
    response.put("invocationsInThisContainer", invocation);
    response.put("functionName", functionName);
    response.put("memoryLimitMb", memoryLimitMb);
    return response;
  }
}
