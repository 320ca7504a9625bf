package dev.lambdaloom.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.junit.jupiter.api.Test;

class SnapStartHooksTest {
  private final List<String> steps = new ArrayList<>();

  private SnapStartHooks hooks(Priming priming) {
    return new SnapStartHooks("test", priming, () -> steps.add("release"), () -> steps.add("restore"));
  }

  @Test
  void primesThenReleasesBeforeTheSnapshotAndRestoresAfter() {
    SnapStartHooks hooks = hooks(() -> steps.add("prime"));
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    assertThat(steps).containsExactly("prime", "release", "restore");
  }

  @Test
  void releasesEvenWhenPrimingFails() {
    SnapStartHooks hooks = hooks(() -> {
      throw new IllegalStateException("nothing reachable");
    });
    hooks.beforeCheckpoint(null);
    assertThat(steps).containsExactly("release");
  }

  @Test
  void runsEachHookAsOftenAsCalledInAnyOrder() {
    SnapStartHooks hooks = hooks(() -> steps.add("prime"));
    hooks.afterRestore(null);
    hooks.beforeCheckpoint(null);
    hooks.beforeCheckpoint(null);
    hooks.afterRestore(null);
    hooks.afterRestore(null);
    assertThat(steps).containsExactly("restore", "prime", "release", "prime", "release", "restore", "restore");
  }

  @Test
  void registersWithTheGlobalContextOnlyInASnapStartInit() {
    SnapStartHooks onDemand = SnapStartHooks.install("test", Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
        () -> steps.add("prime"), () -> {}, () -> {});
    assertThat(onDemand.registered()).isFalse();
    SnapStartHooks snapStart = SnapStartHooks.install("test", Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
        () -> steps.add("prime"), () -> {}, () -> {});
    assertThat(snapStart.registered()).isTrue();
    assertThat(Core.getGlobalContext()).isNotNull();
    assertThat(steps).isEmpty(); // nothing runs until a checkpoint, which this JVM never takes
  }
}
