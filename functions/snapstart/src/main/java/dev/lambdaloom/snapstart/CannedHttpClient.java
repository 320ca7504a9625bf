package dev.lambdaloom.snapstart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for priming an SDK client that never opens a connection: it reads each request's body to the end
 * (so the SDK marshals, signs and checksums it as for real) and hands back the answer it is given for the request, so
 * that the response's unmarshaller runs too. A client built like the function's own over this one primes the request
 * path with no service anywhere, and so no AWS call.
 */
public final class CannedHttpClient implements SdkHttpClient {
  /** A response: its status, headers (Content-Length is added) and body (empty for none). */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public Answer {
      headers = Map.copyOf(headers);
    }

    /** 200 with a JSON document, as DynamoDB and Lambda answer. */
    public static Answer json(String document) {
      return of(200, "application/x-amz-json-1.0", document.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with an XML document, as S3 answers. */
    public static Answer xml(String document) {
      return of(200, "application/xml", document.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code status} with a body of {@code contentType}. */
    public static Answer of(int status, String contentType, byte[] body) {
      return new Answer(status, Map.of("Content-Type", contentType), body);
    }

    /** A status without a body. */
    public static Answer empty(int status) {
      return new Answer(status, Map.of(), new byte[0]);
    }

    /** This answer with one more header. */
    public Answer withHeader(String name, String value) {
      Map<String, String> more = new HashMap<>(headers);
      more.put(name, value);
      return new Answer(status, more, body);
    }
  }

  private final Function<SdkHttpRequest, Answer> answers;
  private final AtomicInteger served = new AtomicInteger();

  public CannedHttpClient(Function<SdkHttpRequest, Answer> answers) {
    this.answers = answers;
  }

  /** How many requests it answered: what a priming's test checks went through it, not elsewhere. */
  public int served() {
    return served.get();
  }

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
        served.incrementAndGet();
        Answer answer = answers.apply(request.httpRequest());
        SdkHttpResponse.Builder head = SdkHttpResponse.builder().statusCode(answer.status())
            .putHeader("Content-Length", Integer.toString(answer.body().length));
        answer.headers().forEach(head::putHeader);
        return HttpExecuteResponse.builder().response(head.build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
      }

      @Override
      public void abort() {
        // Nothing in flight.
      }
    };
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
