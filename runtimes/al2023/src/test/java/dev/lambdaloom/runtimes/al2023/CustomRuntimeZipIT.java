package dev.lambdaloom.runtimes.al2023;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hello function's custom-runtime zips (both loops) as this module built them, run by the emulator from the zip. */
class CustomRuntimeZipIT {
  private static final Path ZIP = Path.of("target/hello-al2023.zip");
  private static final Path LEAN_ZIP = Path.of("target/hello-al2023-lean.zip");
  private static final String HANDLER = "dev.lambdaloom.functions.hello.HelloHandler::handleRequest";
  private static final byte[] EVENT = "{\"name\":\"it\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path temp;

  @Test
  void loadsTheHandlerFromTheAotCacheWhenTheZipIsUnpackedElsewhere() throws Exception {
    InvokeResult result = invoke(ZIP, HANDLER, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info"));

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.awaitLog().text())
        .contains("dev.lambdaloom.functions.hello.HelloHandler source: shared objects file");
  }

  @Test
  void withC1OnlyTheCachesProfilesAreNotReplayedAndWithTheFunctionsOwnTieringTheyAre() throws Exception {
    InvokeResult c1Only = invoke(LEAN_ZIP, HANDLER, Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal"));
    InvokeResult ownTiering = invoke(LEAN_ZIP, HANDLER,
        // Unlocked, so that the JVM prints its diagnostic flags: the bootstrap's own unlocking comes with its default.
        Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4 -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal"));

    assertThat(c1Only.failed()).as(c1Only.payloadText()).isFalse();
    assertThat(flag(c1Only, "TieredStopAtLevel")).contains("= 1 ");
    assertThat(flag(c1Only, "AOTReplayTraining")).contains("= false").contains("{command line}");
    assertThat(ownTiering.failed()).as(ownTiering.payloadText()).isFalse();
    assertThat(flag(ownTiering, "TieredStopAtLevel")).contains("= 4 ");
    assertThat(flag(ownTiering, "AOTReplayTraining")).contains("= true");
  }

  /** The line -XX:+PrintFlagsFinal wrote for a flag, from the function's log. */
  private static String flag(InvokeResult result, String name) throws InterruptedException {
    return result.awaitLog().text().lines().filter(line -> line.matches("\\s*\\S+\\s+" + name + "\\s+=.*"))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not among the flags the JVM printed"));
  }

  @Test
  void startsWithoutACacheThatIsNotItsOwnAndSaysSoWithTheFix() throws Exception {
    Path zip = copyWith("runtime/app.aot", zipped -> Files.write(zipped, new byte[] {1, 2, 3}));

    InvokeResult result = invoke(zip, HANDLER, Map.of());

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.awaitLog().text()).contains("[lambdaloom] AOT cache runtime/app.aot is stale or not this code's")
        .contains("rebuild the zip with ./mvnw package -pl runtimes/al2023 -am");
  }

  @Test
  void startsWithoutACacheTheJvmRefusesAndTheJvmSaysSo() throws Exception {
    // Same size (the bootstrap's check passes), a header the JVM rejects.
    Path zip = copyWith("runtime/app.aot", zipped -> {
      byte[] cache = Files.readAllBytes(zipped);
      cache[0] = 0;
      cache[1] = 0;
      cache[2] = 0;
      cache[3] = 0;
      Files.write(zipped, cache);
    });

    InvokeResult result = invoke(zip, HANDLER, Map.of());

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.awaitLog().text()).contains("[error  ][aot] An error has occurred while processing the AOT cache");
  }

  @Test
  void aZipWithoutItsBootstrapFailsNamingTheFix() throws Exception {
    Path zip = copyWith("bootstrap", Files::delete);

    InvokeResult result = invoke(zip, HANDLER, Map.of());

    assertThat(result.failed()).isTrue();
    assertThat(result.errorType()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(result.payloadText()).contains("Couldn't find valid bootstrap").contains("needs an executable named bootstrap");
  }

  @Test
  void aHandlerClassMissingFromTheZipNamesTheFix() throws Exception {
    InvokeResult result = invoke(ZIP, "dev.lambdaloom.functions.hello.Missing::handleRequest", Map.of());

    assertThat(result.failed()).isTrue();
    assertThat(result.errorType()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(result.awaitLog().text()).contains("[lambdaloom] the handler class dev.lambdaloom.functions.hello.Missing"
        + " is not in").contains("Fix: correct Handler in the template");
  }

  @Test
  void theLeanLoopAnswersFromTheAotCacheWithoutAwsClientOrItsJniLibrary() throws Exception {
    InvokeResult result = invoke(LEAN_ZIP, HANDLER, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info"));

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.payloadText()).contains("\"message\":\"Hello, it!\"").contains("\"coldStart\":true");
    assertThat(result.awaitLog().text())
        .contains("dev.lambdaloom.runtimes.loop.LeanRuntime source: shared objects file")
        .contains("dev.lambdaloom.functions.hello.HelloHandler source: shared objects file")
        .doesNotContain("com.amazonaws.services.lambda.runtime.api.client");
    try (FileSystem zip = FileSystems.newFileSystem(LEAN_ZIP)) {
      assertThat(zip.getPath("/runtime/libaws-lambda-jni.so")).doesNotExist();
      assertThat(zip.getPath("/runtime/main.args")).content().isEqualToIgnoringNewLines(
          "dev.lambdaloom.runtimes.loop.LeanRuntime");
    }
  }

  @Test
  void withTheLeanLoopAHandlersExceptionFailsItsInvocationOnlyAndTheContainerServesTheNext() throws Exception {
    List<InvokeResult> results = invokeAll(LEAN_ZIP, HANDLER, "[\"not an object\"]", "{\"name\":\"again\"}");

    assertThat(results.get(0).failed()).isTrue();
    assertThat(results.get(0).errorType()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(results.get(0).payloadText()).contains("must be a JSON object").contains("\"stackTrace\"");
    assertThat(results.get(1).failed()).as(results.get(1).payloadText()).isFalse();
    assertThat(results.get(1).coldStart()).as("the same process served it").isFalse();
    // hello counts the events it answered: the refused one is not among them
    assertThat(results.get(1).payloadText()).contains("Hello, again!").contains("\"invocationsInThisContainer\":1");
  }

  @Test
  void withTheLeanLoopAHandlerClassMissingFromTheZipNamesTheFix() throws Exception {
    InvokeResult result = invoke(LEAN_ZIP, "dev.lambdaloom.functions.hello.Missing::handleRequest", Map.of());

    assertThat(result.failed()).isTrue();
    assertThat(result.errorType()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(result.awaitLog().text()).contains("[lambdaloom] the handler class dev.lambdaloom.functions.hello.Missing"
        + " is not in").contains("Fix: correct Handler in the template");
  }

  private InvokeResult invoke(Path zip, String handler, Map<String, String> environment) throws InterruptedException {
    try (Emulator emulator = emulator(zip, handler, environment)) {
      InvokeResult result = emulator.invoke("HelloCustom", EVENT);
      result.awaitLog();
      return result;
    }
  }

  /** The events in turn, in one emulator: one container, cold for the first only. */
  private List<InvokeResult> invokeAll(Path zip, String handler, String... events) throws InterruptedException {
    List<InvokeResult> results = new java.util.ArrayList<>();
    try (Emulator emulator = emulator(zip, handler, Map.of())) {
      for (String event : events) {
        InvokeResult result = emulator.invoke("HelloCustom", event.getBytes(StandardCharsets.UTF_8));
        result.awaitLog();
        results.add(result);
      }
    }
    return results;
  }

  private Emulator emulator(Path zip, String handler, Map<String, String> environment) {
    FunctionConfig function = new FunctionConfig("HelloCustom", handler, "provided.al2023", zip.toAbsolutePath(), 512,
        Duration.ofSeconds(60), environment, 1, "x86_64", 0, Map.of());
    EmulatorSettings settings = EmulatorSettings.defaults().withWorkParent(temp).withInitTimeout(Duration.ofSeconds(60));
    return new Emulator(List.of(function), settings, (name, lines) -> {});
  }

  /** A copy of the zip with one entry changed (or removed). */
  private Path copyWith(String entry, ZippedChange change) throws IOException {
    Path copy = temp.resolve("changed-" + System.nanoTime() + ".zip");
    Files.copy(ZIP, copy);
    try (FileSystem zip = FileSystems.newFileSystem(copy, Map.of("enablePosixFileAttributes", "true"))) {
      change.apply(zip.getPath("/" + entry));
    }
    return copy;
  }

  private interface ZippedChange {
    void apply(Path entry) throws IOException;
  }
}
