package dev.lambdaloom.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How an AWS service's clients expect an error, so that the SDKs and the CLI read the code and message the
 * {@link LocalOnlyGuard} sends instead of failing to parse the answer (a parse failure could be retried).
 */
enum ErrorProtocol {
  /** awsJson 1.0/1.1 (DynamoDB, SQS, Kinesis without CBOR...): x-amzn-ErrorType and {"__type", "message"}. */
  AWS_JSON,
  /** restJson (Lambda, API Gateway...): the same header and body, as application/json. */
  REST_JSON,
  /** The JSON protocols' binary form (Kinesis, CloudWatch): the same fields as a CBOR map. */
  CBOR,
  /** S3's REST-XML: {@code <Error><Code/><Message/><RequestId/></Error>}. */
  S3_XML,
  /** The query protocol (STS, SNS, IAM...) and the other REST-XML services: {@code <ErrorResponse>}. */
  QUERY_XML;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param service the signing name of the request (SigV4's credential scope), or "unknown"
   * @param contentType the request's Content-Type, or null
   * @param target the request's X-Amz-Target, or null
   */
  static ErrorProtocol of(String service, String contentType, String target) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (service.startsWith("s3")) {
      return S3_XML;
    }
    if (type.contains("cbor")) {
      return CBOR;
    }
    if (type.startsWith("application/x-amz-json")) {
      return AWS_JSON;
    }
    if (target != null || type.contains("json")) {
      return REST_JSON;
    }
    if (type.contains("x-www-form-urlencoded") || service.equals("route53") || service.equals("cloudfront")) {
      return QUERY_XML;
    }
    return REST_JSON;
  }

  /** The Content-Type of the answer; for awsJson the version the request used. */
  String contentType(String requestContentType) {
    return switch (this) {
      case AWS_JSON -> requestContentType;
      case REST_JSON -> "application/json";
      case CBOR -> "application/x-amz-cbor-1.1";
      case S3_XML -> "application/xml";
      case QUERY_XML -> "text/xml";
    };
  }

  byte[] body(String code, String message, String requestId) {
    return switch (this) {
      case AWS_JSON, REST_JSON -> {
        ObjectNode error = JSON.createObjectNode().put("__type", code).put("message", message);
        yield error.toString().getBytes(StandardCharsets.UTF_8);
      }
      case CBOR -> cborMap(code, message);
      case S3_XML -> ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
          + xml(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>")
          .getBytes(StandardCharsets.UTF_8);
      case QUERY_XML -> ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>"
          + code + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + requestId
          + "</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** {"__type": code, "message": message} in CBOR (RFC 8949): a map of two text pairs. */
  private static byte[] cborMap(String code, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa2);
    for (String text : new String[] {"__type", code, "message", message}) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      if (utf8.length < 24) {
        out.write(0x60 | utf8.length);
      } else if (utf8.length < 256) {
        out.write(0x78);
        out.write(utf8.length);
      } else {
        out.write(0x79);
        out.write(utf8.length >> 8);
        out.write(utf8.length & 0xff);
      }
      out.writeBytes(utf8);
    }
    return out.toByteArray();
  }
}
