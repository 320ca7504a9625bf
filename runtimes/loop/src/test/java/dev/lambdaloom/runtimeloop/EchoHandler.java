package dev.lambdaloom.runtimeloop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Echoes its event with the request id; {"fail": true} throws; {"bytes": n} answers n bytes of padding. */
public final class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (Boolean.TRUE.equals(event.get("fail"))) {
      throw new IllegalStateException("asked to fail");
    }
    Map<String, Object> answer = new LinkedHashMap<>(event);
    answer.put("requestId", context.getAwsRequestId());
    answer.put("function", context.getFunctionName());
    answer.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
    if (event.get("bytes") instanceof Number n) {
      answer.put("padding", "x".repeat(n.intValue()));
    }
    return answer;
  }
}
