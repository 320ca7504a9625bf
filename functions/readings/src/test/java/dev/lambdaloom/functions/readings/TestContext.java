package dev.lambdaloom.functions.readings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lambdaloom.core.Deadline;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What Lambda hands the handler, for calling it in-process: the time left runs down from {@code timeout} like
 * Lambda's, and every log line is kept (and printed). Through the emulator the runtime client builds the real one.
 */
record TestContext(Context context, List<String> log) {
  static TestContext withTimeout(Duration timeout) {
    Deadline end = Deadline.after(timeout);
    List<String> log = new CopyOnWriteArrayList<>();
    LambdaLogger logger = new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
        log.add(message);
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
    Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getRemainingTimeInMillis" -> (int) end.remaining().toMillis();
          case "getLogger" -> logger;
          case "getMemoryLimitInMB" -> 1_024;
          case "getAwsRequestId", "getFunctionName", "getLogGroupName", "getLogStreamName" -> "readings-test";
          default -> null;
        });
    return new TestContext(context, log);
  }
}
