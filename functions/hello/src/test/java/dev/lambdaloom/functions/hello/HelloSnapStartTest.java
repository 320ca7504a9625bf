package dev.lambdaloom.functions.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloSnapStartTest {
  /** Only what the handler reads. */
  private static final Context CONTEXT = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
      new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
        case "getFunctionName" -> "HelloFunction";
        case "getMemoryLimitInMB" -> 128;
        default -> null;
      });

  @Test
  void answersAfterHooksRunTwiceAndRestoreWithoutCheckpointAndPrimingCountsNoInvocation() throws Exception {
    HelloHandler.HOOKS.afterRestore(null);
    HelloHandler.HOOKS.beforeCheckpoint(null);
    HelloHandler.HOOKS.beforeCheckpoint(null);
    HelloHandler.HOOKS.afterRestore(null);
    HelloHandler.HOOKS.afterRestore(null);
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    new HelloHandler().handleRequest(new ByteArrayInputStream("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)),
        answer, CONTEXT);
    assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hello, Ada!\",\"coldStart\":true,"
        + "\"invocationsInThisContainer\":1,\"functionName\":\"HelloFunction\",\"memoryLimitMb\":128}");
  }

  @Test
  void failsTheInitOnAPrimeOnInitNeitherTrueNorFalse() {
    assertThatThrownBy(() -> HelloHandler.hooks(Map.of("PRIME_ON_INIT", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
    assertThat(HelloHandler.hooks(Map.of("PRIME_ON_INIT", "true"))).isNotNull();
  }
}
