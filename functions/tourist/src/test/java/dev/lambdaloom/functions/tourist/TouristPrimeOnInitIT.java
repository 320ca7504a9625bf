package dev.lambdaloom.functions.tourist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.emulator.template.TemplateOverrides;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PRIME_ON_INIT through the real zip in the emulator, with the database out of reach (a closed port): a value that is
 * neither true nor false fails the init with the variable named; true primes what it can and the function answers.
 */
class TouristPrimeOnInitIT {
  private static final String FUNCTION = "TouristFunction";
  private static final Path TEMPLATE = Path.of("../../template.yaml").toAbsolutePath().normalize();

  private static InvokeResult getOneTourist(String primeOnInit) throws Exception {
    SamTemplate template = SamTemplate.load(TEMPLATE, TemplateOverrides.none().withEnvironment(FUNCTION, Map.of(
        "DB_URL", TestDatabase.unreachableUrl("tourists"), "DB_USER", "nobody", "DB_PASSWORD", "none",
        "PRIME_ON_INIT", primeOnInit)));
    String event = "{\"rawPath\":\"/tourists/" + UUID.randomUUID() + "\",\"headers\":{\"accept\":\"application/json\"},"
        + "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"requestId\":\"it\"},\"isBase64Encoded\":false}";
    try (Emulator emulator = Emulator.start(template, EmulatorSettings.defaults(), LogSink.discard())) {
      InvokeResult result = emulator.invoke(FUNCTION, event.getBytes(StandardCharsets.UTF_8));
      result.awaitLog();
      return result;
    }
  }

  @Test
  void aPrimeOnInitNeitherTrueNorFalseFailsTheInitNamingTheVariableAndItsValues() throws Exception {
    InvokeResult result = getOneTourist("sometimes");

    assertThat(result.failed()).isTrue();
    assertThat(result.payloadText() + result.awaitLog().text())
        .contains("PRIME_ON_INIT (from the environment) is \"sometimes\": set it to true");
  }

  @Test
  void primingAtInitWithTheDatabaseOutOfReachLeavesAFunctionThatAnswers() throws Exception {
    InvokeResult result = getOneTourist("true");

    assertThat(result.failed()).as(result.payloadText()).isFalse();
    assertThat(result.payloadText()).contains("\"statusCode\":503");
  }
}
