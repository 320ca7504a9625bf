package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a clear message before any request is made. */
class IngestRequestTest {
  private static final String OK = "{\"urlTemplate\":\"http://127.0.0.1:9/r/{id}\",\"bucket\":\"b\",\"range\":{\"from\":0,\"to\":10}";

  private static IngestRequest parse(String json) {
    return IngestRequest.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsARequestWithDefaults() {
    IngestRequest request = parse(OK + "}");

    assertThat(request.concurrency()).isEqualTo(256);
    assertThat(request.keyPrefix()).isEqualTo("ingest/");
    assertThat(request.ids().size()).isEqualTo(10);
    assertThat(request.url("7")).isEqualTo("http://127.0.0.1:9/r/7");
    assertThat(parse("{\"urlTemplate\":\"https://x.example/a/{id}\",\"bucket\":\"b\",\"ids\":[\"a\",3],\"keyPrefix\":\"p\"}")
        .ids().iterator()).toIterable().containsExactly("a", "3");
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"range\":{\"from\":0,\"to\":1}}"))
        .hasMessageContaining("'bucket' is required");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/r\",\"bucket\":\"b\",\"range\":{\"from\":0,\"to\":1}}"))
        .hasMessageContaining("{id} exactly once");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"ftp://h/{id}\",\"bucket\":\"b\",\"range\":{\"from\":0,\"to\":1}}"))
        .hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"/relative/{id}\",\"bucket\":\"b\",\"range\":{\"from\":0,\"to\":1}}"))
        .hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> parse(OK + ",\"concurrency\":0}")).hasMessageContaining("'concurrency' must be 1..10000");
    assertThatThrownBy(() -> parse(OK + ",\"concurrency\":10001}")).hasMessageContaining("'concurrency' must be 1..10000");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"range\":{\"from\":5,\"to\":5}}"))
        .hasMessageContaining("'range' is empty");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"ids\":[]}"))
        .hasMessageContaining("nothing to fetch");
    assertThatThrownBy(() -> parse(OK + ",\"ids\":[\"1\"]}")).hasMessageContaining("either 'range' or 'ids'");
    assertThatThrownBy(() -> parse(OK + ",\"bucket_name\":\"x\"}")).hasMessageContaining("unknown field 'bucket_name'");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> parse("{\"bucket\":")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse(OK + ",\"resume\":\"!!!\"}")).hasMessageContaining("not a token");
  }

  @Test
  void resumeTokensRoundTripAndBelongToTheirJob() {
    IngestRequest first = parse(OK + "}");
    IdSource pending = new IdSource(List.of(new IdSource.Range(4, 10), new IdSource.Listed("x")));
    String token = new ResumeToken(first.jobFingerprint(), "run-1", 1, pending).encode();

    IngestRequest second = parse(OK + ",\"resume\":\"" + token + "\"}");
    assertThat(second.ids().iterator()).toIterable().containsExactly("4", "5", "6", "7", "8", "9", "x");
    assertThat(second.resume().run()).isEqualTo("run-1");

    assertThatThrownBy(() -> parse(OK.replace("\"b\"", "\"other\"") + ",\"resume\":\"" + token + "\"}"))
        .hasMessageContaining("belongs to another job");
  }

  @Test
  void idSourcesAreIteratedLazilyAndTheirRestIsCompact() {
    IdSource source = new IdSource(List.of(new IdSource.Range(0, 10_000_000_000L), new IdSource.Listed("z")));
    IdSource.Cursor cursor = source.iterator();
    assertThat(cursor.next()).isEqualTo("0");
    assertThat(cursor.next()).isEqualTo("1");
    assertThat(cursor.remaining()).containsExactly(new IdSource.Range(2, 10_000_000_000L), new IdSource.Listed("z"));
    assertThat(IdSource.compact(List.of("5", "3", "4", "9", "abc", "007")))
        .containsExactlyInAnyOrder(new IdSource.Range(3, 6), new IdSource.Range(9, 10), new IdSource.Listed("abc"),
            new IdSource.Listed("007"));
  }
}
