package dev.lambdaloom.functions.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;
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
  void answersAfterHooksRunTwiceAndRestoreWithoutCheckpointAndPrimingCountsNoInvocation() {
    HelloHandler.HOOKS.afterRestore(null);
    HelloHandler.HOOKS.beforeCheckpoint(null);
    HelloHandler.HOOKS.beforeCheckpoint(null);
    HelloHandler.HOOKS.afterRestore(null);
    HelloHandler.HOOKS.afterRestore(null);
    Map<String, Object> answer = new HelloHandler().handleRequest(Map.of("name", "Ada"), CONTEXT);
    assertThat(answer).containsEntry("message", "Hello, Ada!").containsEntry("coldStart", true)
        .containsEntry("invocationsInThisContainer", 1L);
  }

  @Test
  void failsTheInitOnAPrimeOnInitNeitherTrueNorFalse() {
    assertThatThrownBy(() -> HelloHandler.hooks(Map.of("PRIME_ON_INIT", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
    assertThat(HelloHandler.hooks(Map.of("PRIME_ON_INIT", "true"))).isNotNull();
  }
}
