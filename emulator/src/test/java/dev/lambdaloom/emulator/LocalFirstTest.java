package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.fixtures.EnvironmentHandler;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a function run by the emulator sees of AWS: local only by default, the shell's credentials when asked. */
class LocalFirstTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A shell with real-looking credentials of every kind the SDKs read. */
  private static final Map<String, String> SHELL = Map.of(
      "AWS_ACCESS_KEY_ID", "AKIAREALSHELLKEY7Q2Z",
      "AWS_SECRET_ACCESS_KEY", "real-shell-secret",
      "AWS_SESSION_TOKEN", "real-shell-token",
      "AWS_PROFILE", "production",
      "HOME", "/home/someone",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.2/creds",
      "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token");

  @TempDir Path dir;
  private final RecordingLogSink log = new RecordingLogSink();
  private Emulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private JsonNode invoke(TemplateOverrides overrides, EmulatorSettings settings, String event) throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Env:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s::handleRequest
        """.formatted(EnvironmentHandler.class.getName()));
    emulator = Emulator.start(SamTemplate.load(template, overrides),
        settings.withWorkParent(dir.resolve("work")).withShellEnvironment(SHELL), log);
    InvokeResult result = emulator.invoke("Env", event.getBytes(StandardCharsets.UTF_8));
    assertThat(result.failed()).as(result.payloadText()).isFalse();
    return JSON.readTree(result.payload());
  }

  private Path envVars(String json) throws Exception {
    return Files.writeString(dir.resolve("env.json"), json);
  }

  @Test
  void aPlaceholderInEnvVarsWinsOverTheShellsCredentials() throws Exception {
    TemplateOverrides overrides = TemplateOverrides.none().withEnvVarsFile(envVars("""
        {"Env": {"AWS_ACCESS_KEY_ID": "placeholder-from-env-vars", "AWS_REGION": "eu-west-3",
                 "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9", "AWS_LAMBDA_FUNCTION_NAME": "spoofed"}}"""));

    JsonNode env = invoke(overrides, EmulatorSettings.defaults(), "{}").get("env");

    assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo("placeholder-from-env-vars");
    assertThat(env.get("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo("lambdaloom");
    assertThat(env.has("AWS_SESSION_TOKEN")).isFalse();
    assertThat(env.get("AWS_REGION").asText()).as("explicit beats the region default").isEqualTo("eu-west-3");
    assertThat(env.get("AWS_ENDPOINT_URL_S3").asText()).isEqualTo("http://127.0.0.1:9");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).as("the runtime's own stay the emulator's")
        .isEqualTo("Env");
  }

  @Test
  void withAwsAnExplicitKeyStillWinsAndDropsTheShellsSessionToken() throws Exception {
    TemplateOverrides overrides = TemplateOverrides.none().withEnvVarsFile(envVars("""
        {"Parameters": {"AWS_ACCESS_KEY_ID": "placeholder-for-all"}}"""));

    JsonNode env = invoke(overrides, EmulatorSettings.defaults().withAwsReach(AwsReach.REAL_AWS), "{}").get("env");

    assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo("placeholder-for-all");
    assertThat(env.has("AWS_SESSION_TOKEN")).as("a token belongs to the shell's key").isFalse();
  }

  @Test
  void localOnlyFunctionsGetPlaceholdersClosedCredentialSourcesAndTheGuard() throws Exception {
    EmulatorSettings settings = EmulatorSettings.defaults()
        .withLocalEndpoints(Map.of("S3", "http://127.0.0.1:9090", "DYNAMODB", "http://127.0.0.1:8000"));

    JsonNode body = invoke(TemplateOverrides.none(), settings, "{\"callAws\": true}");

    JsonNode env = body.get("env");
    assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo("lambdaloom");
    assertThat(env.get("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo("lambdaloom");
    for (String absent : new String[] {"AWS_SESSION_TOKEN", "AWS_PROFILE", "HOME",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"}) {
      assertThat(env.has(absent)).as(absent).isFalse();
    }
    assertThat(env.get("AWS_EC2_METADATA_DISABLED").asText()).isEqualTo("true");
    assertThat(body.get("files").get("AWS_CONFIG_FILE").asText()).as("an empty file of the emulator's").isEmpty();
    assertThat(body.get("files").get("AWS_SHARED_CREDENTIALS_FILE").asText()).isEmpty();
    assertThat(env.get("AWS_CONFIG_FILE").asText()).startsWith(dir.resolve("work").toString());
    assertThat(env.get("AWS_ENDPOINT_URL_S3").asText()).isEqualTo("http://127.0.0.1:9090");
    assertThat(env.get("AWS_ENDPOINT_URL_DYNAMODB").asText()).isEqualTo("http://127.0.0.1:8000");
    assertThat(env.get("AWS_ENDPOINT_URL").asText()).startsWith("http://127.0.0.1:").endsWith("/local-only/Env");

    JsonNode call = body.get("call");
    assertThat(call.get("status").asInt()).isEqualTo(LocalOnlyGuard.STATUS);
    assertThat(call.get("errorType").asText()).isEqualTo(LocalOnlyGuard.ERROR_CODE);
    JsonNode error = JSON.readTree(call.get("body").asText());
    assertThat(error.get("__type").asText()).isEqualTo(LocalOnlyGuard.ERROR_CODE);
    assertThat(error.get("message").asText()).contains("Env called AWS service dynamodb (DynamoDB_20120810.Scan)",
        "AWS_ENDPOINT_URL_DYNAMODB", "--aws");
    assertThat(log.awaitLine(l -> l.startsWith("LOCAL-ONLY refused dynamodb DynamoDB_20120810.Scan"),
        Duration.ofSeconds(10))).contains("nothing was sent to AWS");
  }

  @Test
  void withAwsFunctionsGetTheShellsCredentialsAndAwsItself() throws Exception {
    EmulatorSettings settings = EmulatorSettings.defaults().withAwsReach(AwsReach.REAL_AWS)
        .withLocalEndpoints(Map.of("LAMBDA", "http://127.0.0.1:9001"));

    JsonNode env = invoke(TemplateOverrides.none(), settings, "{}").get("env");

    assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo("AKIAREALSHELLKEY7Q2Z");
    assertThat(env.get("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo("real-shell-secret");
    assertThat(env.get("AWS_SESSION_TOKEN").asText()).isEqualTo("real-shell-token");
    assertThat(env.get("AWS_PROFILE").asText()).isEqualTo("production");
    assertThat(env.get("HOME").asText()).isEqualTo("/home/someone");
    for (String absent : new String[] {"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_EC2_METADATA_DISABLED",
        "AWS_CONFIG_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
      assertThat(env.has(absent)).as(absent).isFalse();
    }
  }
}
