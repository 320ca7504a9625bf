package dev.lambdaloom.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.template.SamTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The project's template.yaml: every state machine loads (valid States Language, every Task on a declared function),
 * and its policies let it invoke exactly the functions its Tasks invoke.
 */
class ProjectStateMachinesTest {
  private static final SamTemplate TEMPLATE =
      SamTemplate.load(Path.of(System.getProperty("lambdaloom.home", "..")).resolve("template.yaml"));

  @Test
  void everyStateMachineOfTheTemplateLoadsAndInvokesOnlyDeclaredFunctions() {
    Map<String, LocalStateMachine> machines = LocalStateMachine.allOf(TEMPLATE);
    assertThat(machines).containsOnlyKeys("ScavengerLoop", "ShardedIngest");
    assertThat(machines.get("ScavengerLoop").invokedFunctions()).containsExactly("ScavengerFunction");
    assertThat(machines.get("ShardedIngest").invokedFunctions())
        .containsExactly("IngestFunction", "IngestResultMergerFunction", "IngestShardPlannerFunction");
    machines.values().forEach(m -> assertThat(TEMPLATE.functions()).containsKeys(
        m.invokedFunctions().toArray(String[]::new)));
  }

  @Test
  void eachStateMachinesLambdaInvokePoliciesNameTheFunctionsItInvokes() {
    LocalStateMachine.allOf(TEMPLATE).forEach((name, machine) -> {
      var properties = (Map<?, ?>) TEMPLATE.resources().get(name).get("Properties");
      var allowed = new TreeSet<String>();
      for (Object policy : (List<?>) properties.get("Policies")) {
        if (policy instanceof Map<?, ?> p && p.get("LambdaInvokePolicy") instanceof Map<?, ?> invoke
            && invoke.get("FunctionName") instanceof Map<?, ?> ref) {
          allowed.add(String.valueOf(ref.get("Ref")));
        }
      }
      assertThat(allowed).as(name + "'s LambdaInvokePolicy functions").isEqualTo(machine.invokedFunctions());
    });
  }

  @Test
  void theStateMachinesAreStandardAsTheirLoopsAndDistributedMapNeed() {
    TEMPLATE.stateMachines().values().forEach(config -> assertThat(config.type()).isEqualTo("STANDARD"));
  }
}
