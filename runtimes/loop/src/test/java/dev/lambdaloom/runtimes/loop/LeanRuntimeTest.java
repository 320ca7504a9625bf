package dev.lambdaloom.runtimes.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeanRuntimeTest {
  private final ScriptedRuntimeApi api = newApi();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static ScriptedRuntimeApi newApi() {
    try {
      return new ScriptedRuntimeApi();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private int run(String handler) {
    Map<String, String> variables = new HashMap<>();
    variables.put("AWS_LAMBDA_RUNTIME_API", api.address());
    variables.put("_HANDLER", handler);
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    variables.put("AWS_LAMBDA_FUNCTION_NAME", "Scripted");
    return LeanRuntime.start(variables, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode json(String text) throws Exception {
    return JacksonFactory.getInstance().getMapper().readTree(text);
  }

  @Test
  void aStreamHandlerGetsTheEventsBytesAndItsContextAndItsAnswerIsPostedAsItIs() throws Exception {
    api.event("{\"n\":1}").event("[2, \"two\"]");
    int status = run(Handlers.Echo.class.getName() + "::handleRequest");
    assertThat(api.posts()).extracting(ScriptedRuntimeApi.Post::path).containsExactly(
        "/2018-06-01/runtime/invocation/r1/response", "/2018-06-01/runtime/invocation/r2/response");
    JsonNode first = json(api.posts().get(0).body());
    assertThat(first.get("echo").get("n").asInt()).isEqualTo(1);
    assertThat(first.get("requestId").asText()).isEqualTo("r1");
    assertThat(first.get("remainingPositive").asBoolean()).isTrue();
    assertThat(first.get("traceId").asText()).startsWith("Root=1-");
    assertThat(first.get("function").asText()).isEqualTo("Scripted");
    assertThat(first.get("memory").asInt()).isEqualTo(512);
    assertThat(json(api.posts().get(1).body()).get("echo").get(1).asText()).isEqualTo("two");
    // the script ends with a 500 on next: the Runtime API's "exit promptly"
    assertThat(status).isEqualTo(1);
    assertThat(errText()).contains("invocation/next answered 500").contains("the script is over");
  }

  @Test
  void aTypedHandlerIsFedAndAnsweredThroughAwsSerializationLibrary() throws Exception {
    api.event("{\"name\":\"Ada\",\"other\":true}");
    run(Handlers.Typed.class.getName());
    ScriptedRuntimeApi.Post post = api.posts().getFirst();
    assertThat(post.path()).endsWith("/invocation/r1/response");
    assertThat(json(post.body())).isEqualTo(json("{\"greeting\":\"Hello, Ada!\",\"sizes\":[2]}"));
  }

  @Test
  void aHandlersExceptionIsThatInvocationsErrorInTheDocumentedShapeAndTheLoopGoesOn() throws Exception {
    api.event("{\"fail\":true}").event("{\"fail\":false}");
    run(Handlers.Failing.class.getName() + "::handleRequest");
    List<ScriptedRuntimeApi.Post> posts = api.posts();
    assertThat(posts).extracting(ScriptedRuntimeApi.Post::path).containsExactly(
        "/2018-06-01/runtime/invocation/r1/error", "/2018-06-01/runtime/invocation/r2/response");
    assertThat(posts.get(0).errorType()).isEqualTo("java.lang.IllegalStateException");
    JsonNode error = json(posts.get(0).body());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail: \"quote\" and\nnewline");
    assertThat(error.get("stackTrace").get(0).asText()).contains("Handlers$Failing.handleRequest");
    assertThat(error.get("stackTrace").toString()).contains("Caused by: java.io.IOException: the cause");
    assertThat(posts.get(1).body()).isEqualTo("\"fine\"");
    assertThat(errText()).contains("IllegalStateException: asked to fail");
  }

  @Test
  void aMissingHandlerClassIsAnInitErrorNamingItAndTheRuntimeEndsWithoutAskingForEvents() throws Exception {
    api.event("{}");
    int status = run("dev.example.Missing::handleRequest");
    assertThat(status).isEqualTo(1);
    assertThat(api.deliveredIds()).isEmpty();
    ScriptedRuntimeApi.Post post = api.posts().getFirst();
    assertThat(post.path()).isEqualTo("/2018-06-01/runtime/init/error");
    assertThat(post.errorType()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(json(post.body()).get("errorMessage").asText()).isEqualTo("dev.example.Missing");
  }

  @Test
  void whatAConstructorThrowsIsTheInitErrorAsItWas() throws Exception {
    assertThat(run(Handlers.BrokenConstructor.class.getName())).isEqualTo(1);
    JsonNode error = json(api.posts().getFirst().body());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("cannot configure: SETTING is missing");
  }

  @Test
  void aClassThatIsNeitherHandlerKindIsAnInitErrorNamingTheFix() throws Exception {
    assertThat(run(Handlers.NotAHandler.class.getName() + "::greet")).isEqualTo(1);
    JsonNode error = json(api.posts().getFirst().body());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(error.get("errorMessage").asText()).contains("RequestStreamHandler or a RequestHandler")
        .contains("Fix:");
  }

  @Test
  void anAnswerRefusedAsTooLargeLeavesTheRuntimeServing() {
    api.event("{\"a\":1}").event("{\"b\":2}").replyToResult(413);
    run(Handlers.Echo.class.getName());
    assertThat(api.posts()).extracting(ScriptedRuntimeApi.Post::path).containsExactly(
        "/2018-06-01/runtime/invocation/r1/response", "/2018-06-01/runtime/invocation/r2/response");
    assertThat(errText()).contains("the answer to r1 was refused as too large");
  }

  @Test
  void aContainerErrorOnAPostedResultEndsTheRuntimeBeforeAnotherEvent() {
    api.event("{\"a\":1}").event("{\"b\":2}").replyToResult(500);
    assertThat(run(Handlers.Echo.class.getName())).isEqualTo(1);
    assertThat(api.deliveredIds()).containsExactly("r1");
    assertThat(errText()).contains("the Runtime API answered 500 to the result of r1").contains("ending the runtime");
  }

  @Test
  void anEnvironmentWithoutTheRuntimeApiOrAMemorySizeIsRefusedSayingWhichVariable() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(LeanRuntime.start(Map.of("_HANDLER", "x.Y", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"), print, print))
        .isEqualTo(1);
    assertThat(LeanRuntime.start(Map.of("_HANDLER", "x.Y", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"), print, print)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("AWS_LAMBDA_RUNTIME_API is not set")
        .contains("AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a whole number of MB, got 'lots'");
  }

  @Test
  void afterAnOutOfMemoryErrorIsPostedTheRuntimeEndsRatherThanTakeAnotherEvent() throws Exception {
    api.event("{\"a\":1}").event("{\"b\":2}");
    assertThat(run(Handlers.OutOfMemory.class.getName())).isEqualTo(1);
    assertThat(api.deliveredIds()).containsExactly("r1");
    ScriptedRuntimeApi.Post post = api.posts().getFirst();
    assertThat(post.path()).endsWith("/invocation/r1/error");
    assertThat(json(post.body()).get("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
    assertThat(errText()).contains("ending the runtime for a fresh one");
  }
}
