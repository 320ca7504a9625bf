package dev.lambdaloom.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.events.InvocationCause;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationLedgerTest {
  @Test
  void holdsOnlyTheNewestEntriesUpToItsBoundWhileManyThreadsRecord() throws Exception {
    InvocationLedger ledger = new InvocationLedger(500, Clock.systemUTC());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 1_000; i++) {
          ledger.record(entry(ledger.now()));
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    InvocationLedger.Snapshot snapshot = ledger.snapshot();
    assertThat(snapshot.entries()).hasSize(500);
    assertThat(snapshot.recorded()).isEqualTo(8_000);
    assertThat(snapshot.dropped()).isEqualTo(7_500);
    assertThat(snapshot.entries().getFirst().sequence()).isEqualTo(7_501);
    assertThat(snapshot.entries().getLast().sequence()).isEqualTo(8_000);
  }

  @Test
  void aMalformedTraceHeaderStartsAFreshTrace() {
    TraceContext context = TraceContext.continuing("Root=not-a-root;Parent=53995c3f42cd8ad8", Instant.now());

    assertThat(context.callerParent()).isEmpty();
    assertThat(context.header()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  }

  @Test
  void theSourceNameOfAStreamArnIsItsTableOrStream() {
    assertThat(CauseLinks.sourceName(
        "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000")).isEqualTo("Workers");
    assertThat(CauseLinks.sourceName("arn:aws:kinesis:us-east-1:123456789012:stream/Clicks")).isEqualTo("Clicks");
  }

  private static LedgerEntry entry(Instant at) {
    return new LedgerEntry(0, "id", "F", new InvocationCause.Direct(), TraceContext.fresh(at), at, at, false,
        Optional.empty(), EndStatus.ANSWERED, Optional.empty());
  }
}
