package dev.lambdaloom.emulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lambda's documented rules for a partial batch response from an SQS batch. */
class SqsBatchVerdictTest {
  private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

  private static SqsBatchVerdict verdict(String response) {
    return SqsBatchVerdict.of(false, response.getBytes(StandardCharsets.UTF_8), true, BATCH);
  }

  @Test
  void emptyOrNullResponsesAndFailureListsMeanEverythingSucceeded() {
    for (String response : new String[] {"", "null", "{}", "{\"batchItemFailures\":null}",
        "{\"batchItemFailures\":[]}"}) {
      assertThat(verdict(response)).as(response).isInstanceOf(SqsBatchVerdict.AllSucceeded.class);
    }
  }

  @Test
  void reportedIdsAloneFail() {
    assertThat(verdict("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}"))
        .isEqualTo(new SqsBatchVerdict.SomeFailed(Set.of("m2", "m3")));
  }

  @Test
  void aMalformedResponseFailsTheWholeBatch() {
    for (String response : new String[] {"{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", "{\"batchItemFailures\":[{\"id\":\"m1\"}]}",
        "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"elsewhere\"}]}",
        "{\"batchItemFailures\":\"m1\"}", "not json", "[\"m1\"]"}) {
      assertThat(verdict(response)).as(response).isInstanceOf(SqsBatchVerdict.AllFailed.class);
    }
  }

  @Test
  void aFunctionErrorFailsTheWholeBatchWhateverItsPayload() {
    assertThat(SqsBatchVerdict.of(true, "{}".getBytes(StandardCharsets.UTF_8), true, BATCH))
        .isInstanceOf(SqsBatchVerdict.AllFailed.class);
    assertThat(SqsBatchVerdict.of(true, new byte[0], false, BATCH)).isInstanceOf(SqsBatchVerdict.AllFailed.class);
  }

  @Test
  void withoutReportBatchItemFailuresAnyAnswerIsSuccess() {
    assertThat(SqsBatchVerdict.of(false, "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}"
        .getBytes(StandardCharsets.UTF_8), false, BATCH)).isInstanceOf(SqsBatchVerdict.AllSucceeded.class);
  }
}
