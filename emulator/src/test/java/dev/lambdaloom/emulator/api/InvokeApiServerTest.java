package dev.lambdaloom.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The AWS SDK's own LambdaClient, with an endpoint override, against the local Invoke API. */
class InvokeApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static final RecordingLogSink log = new RecordingLogSink();
  private static Emulator emulator;
  private static InvokeApiServer api;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Fixture:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
          Single:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              ReservedConcurrentExecutions: 1
        """.formatted(FixtureCode.HANDLER));
    emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), log);
    api = InvokeApiServer.start(emulator, 0);
    lambda = LambdaClient.builder()
        .endpointOverride(URI.create(api.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    api.close();
    emulator.close();
  }

  private static InvokeResponse invoke(String function, String payload) {
    return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void theSdksLambdaClientInvokesALocalFunctionAndGetsTheLogTail() throws Exception {
    InvokeResponse response = lambda.invoke(r -> r.functionName("Fixture").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("{\"mode\":\"print\",\"lines\":2}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    JsonNode body = JSON.readTree(response.payload().asByteArray());
    assertThat(body.get("mode").asText()).isEqualTo("print");
    String requestId = body.get("requestId").asText();
    assertThat(response.responseMetadata().requestId()).isEqualTo(requestId);

    String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    assertThat(tail).contains("START RequestId: " + requestId, "line 0\nline 1\n", "END RequestId: " + requestId,
        "REPORT RequestId: " + requestId + "\tDuration: ");
    assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
  }

  @Test
  void functionErrorsArriveWithTheFunctionErrorHeaderAndLambdasErrorDocument() throws Exception {
    InvokeResponse response = invoke("Fixture", "{\"mode\":\"throw\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(response.payload().asByteArray());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("boom from the handler");
  }

  @Test
  void eventInvocationsAreAcceptedAtOnceAndRunInTheBackground() throws Exception {
    InvokeResponse response = lambda.invoke(r -> r.functionName("Fixture").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String("{\"mode\":\"echo\"}")));

    assertThat(response.statusCode()).isEqualTo(202);
    String requestId = response.responseMetadata().requestId();
    log.awaitLine(l -> l.startsWith("REPORT RequestId: " + requestId), Duration.ofSeconds(30));
  }

  @Test
  void dryRunChecksTheFunctionWithoutRunningIt() {
    int coldStartsBefore = emulator.coldStarts("Single");
    InvokeResponse response = lambda.invoke(r -> r.functionName("Single").invocationType(InvocationType.DRY_RUN));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(emulator.coldStarts("Single")).isEqualTo(coldStartsBefore);
  }

  @Test
  void unknownFunctionsAreResourceNotFound() {
    assertThatThrownBy(() -> invoke("Missing", "{}"))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.getMessage()).contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Missing");
        });
  }

  @Test
  void callsBeyondReservedConcurrencyAreThrottled() throws Exception {
    CompletableFuture<InvokeResponse> busy = CompletableFuture.supplyAsync(
        () -> invoke("Single", "{\"mode\":\"sleep\",\"millis\":3000}"), r -> Thread.ofVirtual().start(r));
    Poll.until(() -> emulator.concurrentExecutions("Single") == 1, Duration.ofSeconds(30), "Single to be busy");

    assertThatThrownBy(() -> invoke("Single", "{}"))
        .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        });
    assertThat(busy.get().functionError()).isNull();
  }

  @Test
  void oversizedAndMalformedPayloadsAreRefusedWithLambdasErrors() {
    String big = "\"" + "x".repeat((int) Emulator.MAX_SYNC_PAYLOAD_BYTES) + "\"";
    // Lambda answers RequestEntityTooLargeException, a code the SDK's model does not name: a LambdaException.
    assertThatThrownBy(() -> invoke("Fixture", big))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(413);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        });
    assertThatThrownBy(() -> invoke("Fixture", "{not json"))
        .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
  }

  @Test
  void listsAndDescribesFunctions() {
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName()).containsExactly("Fixture", "Single");
    var configuration = lambda.getFunction(r -> r.functionName("Single")).configuration();
    assertThat(configuration.runtimeAsString()).isEqualTo("java25");
    assertThat(configuration.memorySize()).isEqualTo(256);
    assertThat(configuration.environment().variables()).containsEntry("GREETING", "hello");
  }

  @Test
  void plainHttpGetsLambdasHeadersAndErrorShapes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(
            URI.create(api.endpoint() + "/2015-03-31/functions/Nope/invocations"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    assertThat(JSON.readTree(notFound.body()).get("Type").asText()).isEqualTo("User");

    HttpResponse<String> badType = http.send(HttpRequest.newBuilder(
            URI.create(api.endpoint() + "/2015-03-31/functions/Fixture/invocations"))
        .header("X-Amz-Invocation-Type", "Sometimes")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(badType.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterValueException");
  }
}
