package dev.lambdaloom.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaloom.emulator.EndStatus;
import dev.lambdaloom.emulator.events.InvocationCause;
import dev.lambdaloom.emulator.template.FunctionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CauseLinksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:10.250Z");
  private static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/Workers/stream/2026-01-01T00:00:00.000";

  @Test
  void aStreamBatchIsLinkedAsInferredToInvocationsOfFunctionsNamingItsTableThatRanWhenItsRecordsArrived() {
    LedgerEntry writer = entry("Writer", T0, T0.plusMillis(100), new InvocationCause.Direct());
    LedgerEntry bystander = entry("Bystander", T0, T0.plusMillis(100), new InvocationCause.Direct());
    LedgerEntry earlierWriter = entry("Writer", T0.minusSeconds(30), T0.minusSeconds(29), new InvocationCause.Direct());
    // DynamoDB gives the creation time in whole seconds: 00:00:10 for a write at 10.3 s.
    Instant arrival = Instant.parse("2026-01-01T00:00:10Z");
    LedgerEntry batch = entry("Reader", T0.plusSeconds(1), T0.plusSeconds(2), new InvocationCause.MappingBatch("uuid",
        STREAM, "shard-1", "100", "105", 6, 0, arrival, arrival));

    List<CauseLink> links = CauseLinks.of(List.of(earlierWriter, writer, bystander, batch), List.of(
        function("Writer", Map.of("TABLE_NAME", "Workers", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")),
        function("Bystander", Map.of("TABLE_NAME", "Other")),
        function("Reader", Map.of())));

    assertThat(links).containsExactly(
        new CauseLink(writer.trace().parent(), batch.trace().parent(), "stream-write", true));
  }

  @Test
  void anEventRetryIsLinkedExactlyToTheAttemptBeforeIt() {
    TraceContext first = TraceContext.fresh(T0);
    LedgerEntry attempt1 = new LedgerEntry(1, "req", "F", new InvocationCause.Direct(), first, T0, T0.plusMillis(5),
        false, Optional.empty(), EndStatus.ANSWERED, Optional.of("java.lang.IllegalStateException"));
    LedgerEntry attempt2 = new LedgerEntry(2, "req", "F", new InvocationCause.AsyncRetry("req", 2),
        first.nextAttempt(), T0.plusSeconds(1), T0.plusSeconds(1), false, Optional.empty(), EndStatus.ANSWERED,
        Optional.empty());

    assertThat(CauseLinks.of(List.of(attempt1, attempt2), List.of(function("F", Map.of())))).containsExactly(
        new CauseLink(first.parent(), attempt2.trace().parent(), "async-retry", false));
    assertThat(attempt2.trace().root()).isEqualTo(first.root());
  }

  private static LedgerEntry entry(String function, Instant start, Instant end, InvocationCause cause) {
    return new LedgerEntry(0, function + "-" + start, function, cause, TraceContext.fresh(start), start, end, false,
        Optional.empty(), EndStatus.ANSWERED, Optional.empty());
  }

  private static FunctionConfig function(String name, Map<String, String> environment) {
    return new FunctionConfig(name, "x.Handler::handleRequest", "java25", Path.of("/code"), 128,
        Duration.ofSeconds(3), environment, 1, "x86_64", 0, Map.of());
  }
}
