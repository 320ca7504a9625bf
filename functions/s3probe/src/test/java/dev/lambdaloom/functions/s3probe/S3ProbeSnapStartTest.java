package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lambdaloom.snapstart.RestorableCredentials;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Priming and PRIME_ON_INIT, with no service anywhere. The hooks around a real probe on the S3 server: in
 * {@link S3ProbeTest}, which has one running.
 */
class S3ProbeSnapStartTest {
  static final Map<String, String> ENVIRONMENT = Map.of("AWS_ACCESS_KEY_ID", "local");

  /** What the handler reads of its context: the time left and the logger. */
  static final Context CONTEXT = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
      new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
        case "getRemainingTimeInMillis" -> 60_000;
        case "getLogger" -> (LambdaLogger) Proxy.newProxyInstance(LambdaLogger.class.getClassLoader(),
            new Class<?>[] {LambdaLogger.class}, (logger, log, text) -> {
              if (log.getName().equals("log")) System.out.print(text[0]);
              return null;
            });
        default -> null;
      });

  @Test
  void primingRunsAWholeProbeWithNoServiceAnywhere() throws Exception {
    new S3ProbePriming(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9")).prime();
  }

  @Test
  void refusesAPrimeOnInitNeitherTrueNorFalse() {
    RestorableCredentials credentials = RestorableCredentials.from(() -> ENVIRONMENT);
    try (ProbeClients clients = ProbeClients.fromEnvironment(ENVIRONMENT, credentials)) {
      assertThatThrownBy(() -> S3ProbeHandler.snapStart(Map.of("PRIME_ON_INIT", "on"), clients,
          RestorableCredentials.from(() -> ENVIRONMENT)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
    }
  }
}
