package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** The guard answers every AWS protocol with an error its clients read, and never lets a call through. */
class LocalOnlyGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RecordingLogSink log = new RecordingLogSink();
  private final LocalOnlyGuard guard = LocalOnlyGuard.start(log);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    guard.close();
    http.close();
  }

  @Test
  void anSdkCallFailsOnceWithTheDocumentedErrorAndIsNotRetried() {
    try (LambdaClient lambda = LambdaClient.builder()
        .endpointOverride(URI.create(guard.endpointFor("Caller")))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambdaloom", "lambdaloom")))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) { // the SDK's default retry strategy: up to 3 attempts of anything it deems retryable

      assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("Other").payload(SdkBytes.fromUtf8String("{}"))))
          .isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LocalOnlyAccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("Caller called AWS service lambda",
                "./lambdaloom services", "AWS_ENDPOINT_URL_LAMBDA", "--aws");
          });
    }

    assertThat(guard.refusals()).containsExactly(
        new LocalOnlyGuard.Refusal("Caller", "lambda", "POST /2015-03-31/functions/Other/invocations"));
    assertThat(log.lines()).hasSize(1);
  }

  @Test
  void s3GetsItsXmlErrorAndHeadRequestsNoBody() throws Exception {
    HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(guard.endpointFor("Fn") + "/bucket/key"))
        .header("Authorization", signature("s3")).GET());
    HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(guard.endpointFor("Fn") + "/bucket/key"))
        .header("Authorization", signature("s3")).method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(get.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(get.body()).contains("<Error><Code>LocalOnlyAccessDenied</Code><Message>Lambdaloom kept this call",
        "AWS_ENDPOINT_URL_S3");
    assertThat(head.statusCode()).isEqualTo(403);
    assertThat(head.body()).isEmpty();
    assertThat(guard.refusedByService()).isEqualTo(Map.of("s3", 2L));
  }

  @Test
  void queryProtocolsGetAnErrorResponseNamingTheirAction() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(guard.endpointFor("Fn") + "/"))
        .header("Authorization", signature("sts"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")));

    assertThat(response.body()).contains("<ErrorResponse><Error><Type>Sender</Type><Code>LocalOnlyAccessDenied</Code>",
        "AWS_ENDPOINT_URL_STS");
    assertThat(guard.refusals()).containsExactly(new LocalOnlyGuard.Refusal("Fn", "sts", "GetCallerIdentity"));
  }

  @Test
  void jsonAndCborProtocolsGetTheErrorTypeHeaderAndBody() throws Exception {
    HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(guard.endpointFor("Fn") + "/"))
        .header("Authorization", signature("secretsmanager"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "secretsmanager.GetSecretValue")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    HttpResponse<byte[]> cbor = http.send(HttpRequest.newBuilder(URI.create(guard.endpointFor("Fn") + "/"))
        .header("Authorization", signature("kinesis"))
        .header("Content-Type", "application/x-amz-cbor-1.1")
        .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xa0})).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(json.headers().firstValue("x-amzn-ErrorType")).hasValue("LocalOnlyAccessDenied");
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(JSON.readTree(json.body()).get("message").asText()).contains("AWS_ENDPOINT_URL_SECRETS_MANAGER");
    assertThat(cbor.headers().firstValue("x-amzn-ErrorType")).hasValue("LocalOnlyAccessDenied");
    byte[] body = cbor.body();
    assertThat(body[0] & 0xff).as("a CBOR map of two").isEqualTo(0xa2);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("__type", "LocalOnlyAccessDenied", "message",
        "AWS_ENDPOINT_URL_KINESIS");
    assertThat(guard.refusals()).extracting(LocalOnlyGuard.Refusal::operation)
        .isEqualTo(List.of("secretsmanager.GetSecretValue", "Kinesis_20131202.PutRecord"));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String signature(String service) {
    return "AWS4-HMAC-SHA256 Credential=lambdaloom/20260101/us-east-1/" + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
  }
}
