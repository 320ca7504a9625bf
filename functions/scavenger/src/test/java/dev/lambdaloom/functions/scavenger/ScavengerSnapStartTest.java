package dev.lambdaloom.functions.scavenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.services.dynamodb.DynamoDbLocal;
import dev.lambdaloom.services.dynamodb.SeedPlan;
import dev.lambdaloom.services.dynamodb.SharedDynamoDbLocal;
import dev.lambdaloom.snapstart.RestorableCredentials;
import dev.lambdaloom.snapstart.SnapStartHooks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SnapStart hooks driven directly (as a CRaC JVM would around a snapshot), then a real run on DynamoDB Local. */
@ExtendWith(SharedDynamoDbLocal.class)
class ScavengerSnapStartTest {
  private static Map<String, String> environment(String table) {
    return Map.of("TABLE_NAME", table, "TOTAL_SEGMENTS", "2", "AWS_ACCESS_KEY_ID", "lambdaloom");
  }

  private static SnapStartHooks hooks(Map<String, String> environment) {
    CpuShare cpu = CpuShare.of(environment);
    return ScavengerHandler.snapStart(environment, new ScavengerPriming(environment, cpu, new MeasuredCosts(cpu)),
        RestorableCredentials.from(() -> environment));
  }

  @Test
  void scavengesForRealAfterHooksRunTwiceAndARestoreWithoutCheckpoint(DynamoDbLocal dynamo) throws Exception {
    WorkerTableFixture table = WorkerTableFixture.seed(dynamo.client(),
        new SeedPlan("SnapStart", 300, 0.5, 2, 7, Instant.now()));
    Map<String, String> environment = environment(table.plan().table());
    SnapStartHooks hooks = hooks(environment);
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);

    CpuShare cpu = CpuShare.of(environment);
    Map<String, Object> result = new ScavengerHandler(dynamo.client(), environment, cpu, new MeasuredCosts(cpu),
        Scavenger.RETRIES).handleRequest(Map.of(), InvocationContext.withTimeout(Duration.ofMinutes(2)));

    assertThat(result).containsEntry("done", true).containsEntry("deleted", (long) table.plan().expired());
    table.assertOnlyExpiredItemsGone();
  }

  @Test
  void primesAtInitWithoutATableOrAnyServiceAndRefusesAPrimeOnInitNeitherTrueNorFalse() {
    assertThat(hooks(Map.of("PRIME_ON_INIT", "true", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"))).isNotNull();
    assertThatThrownBy(() -> hooks(Map.of("PRIME_ON_INIT", "True")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIME_ON_INIT");
  }
}
