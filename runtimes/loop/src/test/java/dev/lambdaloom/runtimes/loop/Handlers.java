package dev.lambdaloom.runtimes.loop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handlers the loop's tests load by name, as Lambda's _HANDLER names them. */
final class Handlers {
  private Handlers() {
  }

  /** Answers {"echo": <the event>, "requestId", "remainingPositive", "traceId", "function", "memory"}. */
  public static final class Echo implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      String event = new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      output.write(("{\"echo\":" + event + ",\"requestId\":\"" + context.getAwsRequestId() + "\",\"remainingPositive\":"
          + (context.getRemainingTimeInMillis() > 0) + ",\"traceId\":\"" + context.getXrayTraceId()
          + "\",\"function\":\"" + context.getFunctionName() + "\",\"memory\":" + context.getMemoryLimitInMB()
          + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** A typed handler: a map in, a map out, through AWS's serialization library. */
  public static final class Typed implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("greeting", "Hello, " + event.get("name") + "!");
      answer.put("sizes", List.of(event.size()));
      return answer;
    }
  }

  /** Fails events whose "fail" field is true; answers the others. */
  public static final class Failing implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
      if (Boolean.TRUE.equals(event.get("fail"))) {
        throw new IllegalStateException("asked to fail: \"quote\" and\nnewline", new IOException("the cause"));
      }
      return "fine";
    }
  }

  /** Its constructor fails: an init error. */
  public static final class BrokenConstructor implements RequestStreamHandler {
    public BrokenConstructor() {
      throw new IllegalStateException("cannot configure: SETTING is missing");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
    }
  }

  /** Implements neither interface: the lean loop cannot call it. */
  public static final class NotAHandler {
    public String greet(String name) {
      return name;
    }
  }

  /** Runs out of memory, as far as the loop can tell. */
  public static final class OutOfMemory implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
      throw new OutOfMemoryError("Java heap space (thrown by the test)");
    }
  }
}
