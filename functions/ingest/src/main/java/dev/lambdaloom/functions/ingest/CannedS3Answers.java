package dev.lambdaloom.functions.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for the S3 client that never opens a connection: it reads each request's body to the end (so the
 * SDK signs and checksums it as for real) and answers what S3 would for the requests the function makes. Used at
 * init to load and compile the S3 client's request path without touching any bucket.
 */
final class CannedS3Answers implements SdkHttpClient {
  private static final String NAMESPACE = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
  private static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream body = request.contentStreamProvider().get().newStream()) {
            body.transferTo(OutputStream.nullOutputStream());
          }
        }
        return answer(request.httpRequest());
      }

      @Override
      public void abort() {
        // Nothing in flight.
      }
    };
  }

  private static HttpExecuteResponse answer(SdkHttpRequest request) {
    boolean upload = request.firstMatchingRawQueryParameter("uploadId").isPresent();
    return switch (request.method()) {
      case GET -> xml("<ListBucketResult " + NAMESPACE + "><Name>b</Name><Prefix></Prefix><KeyCount>0</KeyCount>"
          + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>");
      case POST -> upload
          ? xml("<CompleteMultipartUploadResult " + NAMESPACE + "><Bucket>b</Bucket><Key>k</Key><ETag>" + ETAG
              + "</ETag></CompleteMultipartUploadResult>")
          : xml("<InitiateMultipartUploadResult " + NAMESPACE + "><Bucket>b</Bucket><Key>k</Key>"
              + "<UploadId>primed</UploadId></InitiateMultipartUploadResult>");
      case PUT -> response(SdkHttpResponse.builder().statusCode(200).putHeader("ETag", ETAG), null);
      case DELETE -> response(SdkHttpResponse.builder().statusCode(204), null);
      default -> response(SdkHttpResponse.builder().statusCode(200), null);
    };
  }

  private static HttpExecuteResponse xml(String document) {
    byte[] body = document.getBytes(StandardCharsets.UTF_8);
    return response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/xml")
        .putHeader("Content-Length", Integer.toString(body.length)), body);
  }

  private static HttpExecuteResponse response(SdkHttpResponse.Builder head, byte[] body) {
    return HttpExecuteResponse.builder()
        .response(head.build())
        .responseBody(body == null ? null : AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  @Override
  public String clientName() {
    return "canned";
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
