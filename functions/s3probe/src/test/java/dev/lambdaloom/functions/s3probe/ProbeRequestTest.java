package dev.lambdaloom.functions.s3probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeRequestTest {
  private static Map<String, Object> event(Object... pairs) {
    Map<String, Object> event = new HashMap<>(Map.of("bucket", "b", "prefix", "p/", "find", "x"));
    for (int i = 0; i < pairs.length; i += 2) {
      event.put((String) pairs[i], pairs[i + 1]);
    }
    return event;
  }

  @Test
  void defaultsAreConcurrentVirtualThreadsAt64() {
    ProbeRequest request = ProbeRequest.from(event(), Map.of());
    assertThat(request.mode()).isEqualTo(Mode.CONCURRENT);
    assertThat(request.client()).isEqualTo(ClientKind.VIRTUAL_THREADS);
    assertThat(request.concurrency()).isEqualTo(64);
  }

  @Test
  void aSequentialProbeUsesTheSyncClientOneAtATime() {
    ProbeRequest request = ProbeRequest.from(event("mode", "sequential"), Map.of());
    assertThat(request.client()).isEqualTo(ClientKind.SYNC);
    assertThat(request.concurrency()).isEqualTo(1);
  }

  @Test
  void theBucketMayComeFromTheEnvironment() {
    Map<String, Object> event = event();
    event.remove("bucket");
    assertThat(ProbeRequest.from(event, Map.of("PROBE_BUCKET", "from-env")).bucket()).isEqualTo("from-env");
  }

  @Test
  void anEmptyPrefixIsRefusedRatherThanReadingTheWholeBucket() {
    assertThatThrownBy(() -> ProbeRequest.from(event("prefix", ""), Map.of()))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("prefix is required")
        .hasMessageContaining("whole bucket");
  }

  @Test
  void concurrencyZeroOrOverAThousandIsRefused() {
    for (Object value : new Object[] {0, 1001, "-1", "64 ", 1.5}) {
      assertThatThrownBy(() -> ProbeRequest.from(event("concurrency", value), Map.of()))
          .as("concurrency %s", value)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("concurrency (from the event) must be a whole number from 1 to 1000");
    }
    assertThat(ProbeRequest.from(event("concurrency", 1000), Map.of()).concurrency()).isEqualTo(1000);
  }

  @Test
  void anUnknownClientOrModeNamesTheChoices() {
    assertThatThrownBy(() -> ProbeRequest.from(event("client", "goroutines"), Map.of()))
        .hasMessageContaining("client (from the event) must be one of sync, virtual-threads, platform-threads, netty,"
            + " crt, not 'goroutines'");
    assertThatThrownBy(() -> ProbeRequest.from(event("mode", "parallel"), Map.of()))
        .hasMessageContaining("must be one of sequential, concurrent");
  }

  @Test
  void modeAndClientMustAgree() {
    assertThatThrownBy(() -> ProbeRequest.from(event("mode", "sequential", "client", "netty"), Map.of()))
        .hasMessageContaining("client netty needs mode concurrent");
    assertThatThrownBy(() -> ProbeRequest.from(event("client", "sync"), Map.of()))
        .hasMessageContaining("client sync is the sequential loop");
    assertThatThrownBy(() -> ProbeRequest.from(event("mode", "sequential", "concurrency", 8), Map.of()))
        .hasMessageContaining("concurrency must be 1 or absent, not 8");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> ProbeRequest.from(Map.of("concurrency", 0, "client", "x"), Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("bucket is required")
        .hasMessageContaining("prefix is required")
        .hasMessageContaining("find is required")
        .hasMessageContaining("concurrency (from the event)")
        .hasMessageContaining("client (from the event)");
  }

  @Test
  void anOversizedFindIsRefused() {
    assertThatThrownBy(() -> ProbeRequest.from(event("find", "x".repeat(1025)), Map.of()))
        .hasMessageContaining("find must be at most 1024 bytes");
  }
}
