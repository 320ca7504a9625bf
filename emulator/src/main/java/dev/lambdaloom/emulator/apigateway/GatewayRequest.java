package dev.lambdaloom.emulator.apigateway;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway received it.
 *
 * @param method upper case
 * @param rawPath the path as sent, percent-encoding kept
 * @param rawQueryString after the ?, as sent; empty when none
 * @param headers names as sent, every value of each
 * @param body the bytes of the body, empty when none
 * @param sourceIp the client's address
 */
public record GatewayRequest(String method, String rawPath, String rawQueryString, Map<String, List<String>> headers,
    byte[] body, String sourceIp) {}
