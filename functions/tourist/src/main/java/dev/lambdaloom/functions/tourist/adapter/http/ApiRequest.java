package dev.lambdaloom.functions.tourist.adapter.http;

import java.util.Map;

/**
 * The parts of an API Gateway HTTP API (payload 2.0) request the tourist API reads.
 *
 * @param method upper case, from requestContext.http.method
 * @param path rawPath, still percent-encoded
 * @param query queryStringParameters (repeated names joined with commas, as API Gateway does)
 * @param headers lower-case names (API Gateway lower-cases them in payload 2.0)
 * @param body the decoded body, null when there is none
 * @param requestId requestContext.requestId, for problem documents and logs
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
    byte[] body, String requestId) {

  public ApiRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
