package dev.lambdaloom.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.RecordingLogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provided.al2023}: any executable named bootstrap that speaks the Runtime API. */
class CustomRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The classic shell-and-curl custom runtime from Lambda's documentation, in a few lines. */
  private static final String BOOTSTRAP = """
      #!/bin/sh
      set -eu
      API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
      echo "shell runtime up, handler ${_HANDLER}"
      while true; do
        HEADERS="$(mktemp)"
        EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
        ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
        echo "handling $ID"
        curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" -d "{\\"runtime\\":\\"sh\\",\\"event\\":$EVENT}"
        rm -f "$HEADERS"
      done
      """;

  /**
   * A runtime that posts error documents far over Lambda's payload limit: a huge init error when its handler is
   * {@code huge-init-error}, else a huge invocation error for an event that asks for one, and an echo otherwise.
   */
  private static final String HUGE_ERRORS_BOOTSTRAP = """
      #!/bin/sh
      set -u
      API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
      huge() { head -c 8000000 /dev/zero | tr '\\0' x; }
      if [ "$_HANDLER" = "huge-init-error" ]; then
        huge | curl -sS -o /dev/null -X POST -H "Lambda-Runtime-Function-Error-Type: Custom.HugeInit" \\
          --data-binary @- "$API/init/error"
        exit 1
      fi
      while true; do
        HEADERS="$(mktemp)"
        EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
        ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
        rm -f "$HEADERS"
        case "$EVENT" in
          *huge*) huge | curl -sS -o /dev/null -X POST -H "Lambda-Runtime-Function-Error-Type: Custom.Huge" \\
                    --data-binary @- "$API/invocation/$ID/error" ;;
          *) curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" -d "$EVENT" ;;
        esac
      done
      """;

  @TempDir Path dir;
  private final RecordingLogSink log = new RecordingLogSink();
  private Emulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  /** Runs the custom runtime zip {@code codeUri} of the test's folder once, cold. */
  private InvokeResult invokeShell(String codeUri) throws Exception {
    emulator = Emulator.start(SamTemplate.load(FixtureCode.template(dir, """
          Shell:
            Type: AWS::Serverless::Function
            Properties: {Runtime: provided.al2023, CodeUri: %s, Handler: x}
        """.formatted(codeUri))), EmulatorSettings.defaults(), log);
    return emulator.invoke("Shell", "{}".getBytes(StandardCharsets.UTF_8));
  }

  /** A zip whose bootstrap keeps its executable bit, as `zip` on Linux would make it. */
  private Path customRuntimeZip(boolean executable) throws Exception {
    return customRuntimeZip(executable ? "custom.zip" : "not-executable.zip", BOOTSTRAP, executable);
  }

  private Path customRuntimeZip(String name, String script, boolean executable) throws Exception {
    return customRuntimeZip(name, script, executable ? "rwxr-xr-x" : "rw-r--r--");
  }

  private Path customRuntimeZip(String name, String script, String modes) throws Exception {
    Path zipFile = dir.resolve(name);
    try (FileSystem zip = FileSystems.newFileSystem(zipFile,
        Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
      Path bootstrap = zip.getPath("/bootstrap");
      Files.writeString(bootstrap, script);
      Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString(modes));
    }
    return zipFile;
  }

  @Test
  void runsAShellBootstrapColdThenWarmBesideAJavaFunction() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "the sample custom runtime uses curl");
    customRuntimeZip(true);
    FixtureCode.archive(dir.resolve("fixture.zip"));
    emulator = Emulator.start(SamTemplate.load(FixtureCode.template(dir, """
          Shell:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: provided.al2023
              CodeUri: custom.zip
              Handler: echo.handler
              MemorySize: 128
          Java:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s
        """.formatted(FixtureCode.HANDLER))), EmulatorSettings.defaults(), log);

    InvokeResult cold = emulator.invoke("Shell", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    InvokeResult warm = emulator.invoke("Shell", "{\"n\":2}".getBytes(StandardCharsets.UTF_8));
    InvokeResult java = emulator.invoke("Java", "{}".getBytes(StandardCharsets.UTF_8));

    JsonNode body = JSON.readTree(warm.payload());
    assertThat(body.get("runtime").asText()).isEqualTo("sh");
    assertThat(body.get("event").get("n").asInt()).isEqualTo(2);
    assertThat(cold.coldStart()).isTrue();
    assertThat(warm.coldStart()).isFalse();
    assertThat(cold.awaitLog().lines()).contains("shell runtime up, handler echo.handler", "handling " + cold.requestId());
    assertThat(cold.awaitLog().lines().getFirst()).startsWith("INIT_START Runtime Version: provided:al2023");
    assertThat(warm.awaitLog().report().initDurationMs()).isNull();
    assertThat(java.failed()).isFalse();
    // Side by side: both report init, so the two runtimes' cold starts compare directly.
    assertThat(cold.awaitLog().report().initDurationMs()).isPositive();
    assertThat(java.awaitLog().report().initDurationMs()).isPositive();
  }

  @Test
  void aBootstrapThatIsNotExecutableIsRuntimeInvalidEntrypoint() throws Exception {
    customRuntimeZip(false);
    InvokeResult result = invokeShell("not-executable.zip");

    assertThat(result.failed()).isTrue();
    JsonNode error = JSON.readTree(result.payload());
    assertThat(error.get("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(error.get("errorMessage").asText()).startsWith("RequestId: " + result.requestId() + " Error: fork/exec ")
        .contains("bootstrap: permission denied");
    assertThat(result.awaitLog().report().line()).endsWith("\tStatus: error\tError Type: Runtime.InvalidEntrypoint\t");
  }

  @Test
  void aZippedBootstrapOnlyItsOwnerMayRunIsRuntimeInvalidEntrypointAsOnAws() throws Exception {
    customRuntimeZip("owner-only.zip", BOOTSTRAP, "rwxr--r--");
    InvokeResult result = invokeShell("owner-only.zip");

    // the emulator runs it as its owner and could start it; Lambda's user could not
    assertThat(result.failed()).isTrue();
    assertThat(result.errorType()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(JSON.readTree(result.payload()).get("errorMessage").asText())
        .contains("bootstrap: permission denied (the bootstrap is rwxr--r-- in ")
        .contains("chmod 755 it before zipping");
  }

  @Test
  void aZipWithAFileLambdasUserCannotReadIsRefusedNamingTheFile() throws Exception {
    Path zipFile = customRuntimeZip(true);
    try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("enablePosixFileAttributes", "true"))) {
      Files.writeString(zip.getPath("/handler.sh"), "echo secret");
      Files.setPosixFilePermissions(zip.getPath("/handler.sh"), PosixFilePermissions.fromString("rw-------"));
    }
    InvokeResult result = invokeShell("custom.zip");

    assertThat(result.failed()).isTrue();
    assertThat(result.errorType()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(JSON.readTree(result.payload()).get("errorMessage").asText())
        .contains("Lambda's user cannot read 1 entry (handler.sh rw-------)");
  }

  @Test
  void errorDocumentsOverThePayloadLimitAreNotKeptAndTheInvocationStillFails() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "the sample custom runtime uses curl");
    customRuntimeZip("huge-errors.zip", HUGE_ERRORS_BOOTSTRAP, true);
    emulator = Emulator.start(SamTemplate.load(FixtureCode.template(dir, """
          HugeErrors:
            Type: AWS::Serverless::Function
            Properties: {Runtime: provided.al2023, CodeUri: huge-errors.zip, Handler: echo, MemorySize: 128}
          HugeInitError:
            Type: AWS::Serverless::Function
            Properties: {Runtime: provided.al2023, CodeUri: huge-errors.zip, Handler: huge-init-error, MemorySize: 128}
        """)), EmulatorSettings.defaults(), log);
    String dropped = "The runtime's error document was over " + RuntimeApiServer.MAX_ERROR_BYTES
        + " bytes; Lambdaloom kept only its type";

    InvokeResult huge = emulator.invoke("HugeErrors", "{\"want\":\"huge\"}".getBytes(StandardCharsets.UTF_8));
    InvokeResult next = emulator.invoke("HugeErrors", "{\"want\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
    InvokeResult init = emulator.invoke("HugeInitError", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(huge.failed()).isTrue();
    assertThat(huge.errorType()).isEqualTo("Custom.Huge");
    assertThat(JSON.readTree(huge.payload()).get("errorMessage").asText()).isEqualTo(dropped);
    assertThat(next.failed()).as(next.payloadText()).isFalse();
    assertThat(JSON.readTree(next.payload()).get("want").asText()).isEqualTo("echo");
    assertThat(init.failed()).isTrue();
    assertThat(init.errorType()).isEqualTo("Custom.HugeInit");
    assertThat(JSON.readTree(init.payload()).get("errorMessage").asText()).isEqualTo(dropped);
  }
}
