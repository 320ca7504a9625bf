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
import dev.lambdaloom.loopback.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The AWS SDK's own LambdaClient, with an endpoint override, against the local Invoke API. */
class InvokeApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Held here: java.util.logging keeps its loggers only weakly. */
  private static final Logger API_LOG = Logger.getLogger(InvokeApiServer.class.getName());

  @TempDir static Path dir;
  private static final RecordingLogSink log = new RecordingLogSink();
  private static Emulator emulator;
  private static InvokeApiServer api;
  private static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Files.writeString(dir.resolve("broken.zip"), "not a zip file");
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
          Guarded:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %1$s
              Environment:
                Variables:
                  DB_PASSWORD: hunter2
                  API_KEY: k-123
                  AWS_ACCESS_KEY_ID: AKIAEXAMPLE
                  AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI
                  AWS_SESSION_TOKEN: FwoGZXIvYXdz
                  githubToken: ghp_abc
                  CLIENT_SECRET_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:x
                  PRIVATE_KEY_PEM: "-----BEGIN PRIVATE KEY-----"
                  KEY_PREFIX: uploads/
                  KMS_KEY_ID: 1234abcd
                  TOKENIZER_MODEL: bpe
                  MONKEY: banana
                  DB_URL: postgres://app:s3cret@localhost:5432/tourists
                  JDBC_URL: "jdbc:postgresql://localhost/db?user=app&password=s3cret&ssl=true"
          Broken:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: broken.zip
              Handler: %1$s
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
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName())
        .containsExactly("Fixture", "Single", "Guarded", "Broken");
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

  private static RawHttp.Response raw(String requestLineAndHeaders) throws Exception {
    return RawHttp.exchange(api.port(), requestLineAndHeaders + "\r\nConnection: close\r\n\r\n");
  }

  private static String host() {
    return "Host: 127.0.0.1:" + api.port();
  }

  @Test
  void requestsWithAForeignHostOrOriginAre403AndRunNothing() throws Exception {
    String invoke = "POST /2015-03-31/functions/Guarded/invocations HTTP/1.1\r\nContent-Length: 0\r\n";
    List<RawHttp.Response> refused = List.of(
        raw(invoke + "Host: rebound.attacker.example:" + api.port()),
        raw(invoke + host() + "\r\nOrigin: https://attacker.example"),
        raw(invoke + host() + "\r\nOrigin: null"),
        raw(invoke.replace("\r\n", "\r\nX-Amz-Invocation-Type: Event\r\n") + "Host: attacker.example"),
        raw("POST /2015-03-31/functions/Guarded/invocations HTTP/1.1\r\nContent-Length: 0"), // HTTP/1.1 needs a Host
        raw("GET /2015-03-31/functions/Guarded HTTP/1.1\r\nHost: attacker.example"));

    for (RawHttp.Response response : refused) {
      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
      assertThat(JSON.readTree(response.body()).get("message").asText()).isNotBlank();
    }
    assertThat(emulator.coldStarts("Guarded")).isZero();
    assertThat(emulator.queuedEvents("Guarded")).isZero();

    String dryRun = "POST /2015-03-31/functions/Guarded/invocations HTTP/1.1\r\nX-Amz-Invocation-Type: DryRun"
        + "\r\nContent-Length: 0\r\n";
    assertThat(raw(dryRun + "Host: LOCALHOST:" + api.port() + "\r\nOrigin: http://localhost:3000").status())
        .isEqualTo(204);
    assertThat(raw(dryRun.replace("HTTP/1.1", "HTTP/1.0")).status()).isEqualTo(204); // HTTP/1.0 has no Host
    assertThat(raw(dryRun + "Host: [::1]").status()).isEqualTo(204);
  }

  @Test
  void getFunctionAndListFunctionsMaskSecretLookingVariables() {
    Map<String, String> described = lambda.getFunction(r -> r.functionName("Guarded")).configuration()
        .environment().variables();
    Map<String, String> listed = lambda.listFunctions().functions().stream()
        .filter(f -> f.functionName().equals("Guarded")).findFirst().orElseThrow().environment().variables();

    for (Map<String, String> variables : List.of(described, listed)) {
      for (String secret : List.of("DB_PASSWORD", "API_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN", "githubToken", "CLIENT_SECRET_ARN", "PRIVATE_KEY_PEM")) {
        assertThat(variables).containsEntry(secret, SecretVariables.MASK);
      }
      assertThat(variables).containsEntry("KEY_PREFIX", "uploads/").containsEntry("KMS_KEY_ID", "1234abcd")
          .containsEntry("TOKENIZER_MODEL", "bpe").containsEntry("MONKEY", "banana").containsEntry("GREETING", "hello")
          .containsEntry("DB_URL", "postgres://app:****@localhost:5432/tourists")
          .containsEntry("JDBC_URL", "jdbc:postgresql://localhost/db?user=app&password=****&ssl=true");
      assertThat(String.join(" ", variables.values())).doesNotContain("hunter2", "k-123", "AKIAEXAMPLE", "wJalrXUtnFEMI",
          "FwoGZXIvYXdz", "ghp_abc", "BEGIN PRIVATE KEY", "s3cret");
    }
  }

  @Test
  void malformedPathsAre400sWithLambdasErrorTypesNeverServerErrors() throws Exception {
    Map<String, String> expected = Map.of(
        "POST /2015-03-31/functions/invocations", "ValidationException",
        "POST /2015-03-31/functions//invocations", "ValidationException",
        "POST /2015-03-31/functions/bad%20name/invocations", "ValidationException",
        "POST /2015-03-31/functions/%25ZZ/invocations", "ValidationException",
        "POST /2015-03-31/functions/a%2Fb/invocations", "ValidationException",
        "POST /2015-03-31/functions/%FF/invocations", "InvalidParameterValueException", // not UTF-8
        "GET /2015-03-31/functions/\u00fcber", "ValidationException",
        "GET /2015-03-31/functions/" + "f".repeat(171), "ValidationException");
    for (var request : expected.entrySet()) {
      RawHttp.Response response = raw(request.getKey() + " HTTP/1.1\r\n" + host() + "\r\nContent-Length: 0");
      assertThat(response.status()).as(request.getKey() + ": " + response.body()).isEqualTo(400);
      assertThat(response.header("x-amzn-ErrorType")).as(request.getKey()).isEqualTo(request.getValue());
    }
    // Escapes that are no escapes: the JDK's HTTP parser refuses the request line itself, before any handler.
    for (String path : List.of("%ZZ", "%", "a%2")) {
      RawHttp.Response response = raw("POST /2015-03-31/functions/" + path + "/invocations HTTP/1.1\r\n" + host()
          + "\r\nContent-Length: 0");
      assertThat(response.status()).as(path).isEqualTo(400);
    }
    // The SDK sends what it is given, escaped: the service's validation answers.
    assertThatThrownBy(() -> invoke("no such/function", "{}"))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).startsWith(
              "1 validation error detected: Value 'no such/function' at 'functionName' failed to satisfy constraint");
        });
  }

  @Test
  void anUnexpectedFailureIsAServiceExceptionLoggedWithItsStackTraceAndCause() throws Exception {
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    API_LOG.addHandler(capture);
    try {
      assertThatThrownBy(() -> invoke("Broken", "{}"))
          .isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorMessage()).contains("cannot unpack", "broken.zip");
          });
    } finally {
      API_LOG.removeHandler(capture);
    }

    LogRecord record;
    synchronized (capture) {
      assertThat(records).hasSize(1);
      record = records.getFirst();
    }
    assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
    assertThat(record.getMessage()).contains("POST /2015-03-31/functions/Broken/invocations");
    Throwable thrown = record.getThrown();
    assertThat(thrown).isInstanceOf(dev.lambdaloom.emulator.LambdaServiceException.class);
    assertThat(thrown.getCause()).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot unpack");
    assertThat(thrown.getCause().getCause()).isNotNull(); // the zip file system's own complaint
    assertThat(thrown.getStackTrace()).isNotEmpty();
  }

  @Test
  void aStalledBodyHasItsConnectionClosedWithoutHoldingAFunctionSlot() throws Exception {
    Duration bodyTimeout = Duration.ofMillis(500);
    try (InvokeApiServer strict = InvokeApiServer.start(emulator, 0, bodyTimeout);
        RawHttp stalled = RawHttp.connect(strict.port())) {
      long start = System.nanoTime();
      stalled.send("POST /2015-03-31/functions/Single/invocations HTTP/1.1\r\nHost: 127.0.0.1:" + strict.port()
          + "\r\nContent-Length: 100000\r\n\r\n{\"mode\":");

      InvokeResponse meanwhile = invoke("Single", "{\"mode\":\"echo\"}"); // its one slot is free

      assertThat(meanwhile.functionError()).isNull();
      assertThat(stalled.awaitClosed(Duration.ofSeconds(60))).as("stalled connection closed").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(bodyTimeout);
      assertThat(emulator.concurrentExecutions("Single")).isZero();
    }
  }
}
