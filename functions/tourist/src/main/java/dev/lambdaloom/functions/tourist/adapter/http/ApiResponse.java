package dev.lambdaloom.functions.tourist.adapter.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A response for API Gateway: status, headers and a text body (null for none). */
public record ApiResponse(int statusCode, Map<String, String> headers, String body) {
  public ApiResponse {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  static ApiResponse json(int status, String body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extraHeaders);
    return new ApiResponse(status, headers, body);
  }

  static ApiResponse empty(int status, Map<String, String> headers) {
    return new ApiResponse(status, headers, null);
  }
}
