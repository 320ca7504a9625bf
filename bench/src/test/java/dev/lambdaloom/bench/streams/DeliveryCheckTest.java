package dev.lambdaloom.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {
  private static RunObserver.Done done(String id, String key, long sequence) {
    return new RunObserver.Done(id, key, Long.toString(sequence), 0);
  }

  @Test
  void everyRecordOnceInOrderPerKeyIsClean() {
    DeliveryCheck check = DeliveryCheck.of(List.of("a1", "b1", "a2"),
        List.of(done("b1", "b", 2), done("a1", "a", 1), done("a2", "a", 3)));

    assertThat(check).isEqualTo(new DeliveryCheck(3, 3, 2, 0, 0, 0, 0));
    assertThat(check.clean()).isTrue();
  }

  @Test
  void countsLostRepeatedOutOfOrderAndUnwrittenRecords() {
    DeliveryCheck check = DeliveryCheck.of(List.of("a1", "a2", "a3", "b1"),
        List.of(done("a2", "a", 20), done("a1", "a", 10), done("a2", "a", 20), done("x1", "x", 5)));

    // a1 came after a2: out of order; a2 came twice; a3 and b1 never came; x1 was never written.
    assertThat(check).isEqualTo(new DeliveryCheck(4, 4, 2, 2, 1, 1, 1));
    assertThat(check.clean()).isFalse();
  }
}
