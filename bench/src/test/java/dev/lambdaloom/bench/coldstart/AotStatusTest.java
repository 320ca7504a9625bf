package dev.lambdaloom.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AotStatusTest {
  @Test
  void isRefusedByTheJvmWhenItPrintsAnAotError() {
    assertThat(AotStatus.of(List.of("[0.010s][warning][aot] The AOT cache has a bad magic number: 0",
        "[0.010s][error  ][aot] An error has occurred while processing the AOT cache. Run with -Xlog:aot for details.")))
        .isEqualTo(AotStatus.REFUSED_BY_JVM);
  }

  @Test
  void isRefusedByTheBootstrapWhenItSaysTheCacheIsStaleOrMissing() {
    assertThat(AotStatus.of(List.of("[lambdaloom] AOT cache runtime/app.aot is stale or not this code's (...)")))
        .isEqualTo(AotStatus.REFUSED_BY_BOOTSTRAP);
    assertThat(AotStatus.of(List.of("[lambdaloom] no AOT cache (runtime/app.aot): starting without it, slower")))
        .isEqualTo(AotStatus.REFUSED_BY_BOOTSTRAP);
  }

  @Test
  void isUsedWhenNeitherSaysAnything() {
    assertThat(AotStatus.of(List.of("START RequestId: 1", "[0.010s][warning][aot] Skipping x: JFR event class")))
        .isEqualTo(AotStatus.USED);
  }
}
