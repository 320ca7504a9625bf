package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.core.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
    assertThatThrownBy(() -> parse(OK + ",\"concurrency\":0}")).hasMessageContaining("concurrency (from the event) must be a whole number from 1 to 10000");
    assertThatThrownBy(() -> parse(OK + ",\"concurrency\":10001}")).hasMessageContaining("concurrency (from the event) must be a whole number from 1 to 10000");
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
    String token = new ResumeToken(first.jobFingerprint(), new RunId("run-1"), 1, pending).encode();

    IngestRequest second = parse(OK + ",\"resume\":\"" + token + "\"}");
    assertThat(second.ids().iterator()).toIterable().containsExactly("4", "5", "6", "7", "8", "9", "x");
    assertThat(second.resume().run()).isEqualTo(new RunId("run-1"));

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

  @Test
  void readsWholeNumbersAsJsonIntegersOrDigitStringsAndNothingElse() {
    assertThat(parse(OK + ",\"concurrency\":64}").concurrency()).isEqualTo(64);
    assertThat(parse(OK + ",\"concurrency\":\"64\"}").concurrency()).isEqualTo(64);
    for (String ambiguous : List.of("1.5", "64.0", "6.4e1", "\"1e3\"", "\" 64\"", "\"+64\"", "\"64 \"", "true",
        "[64]", "{\"n\":64}")) {
      assertThatThrownBy(() -> parse(OK + ",\"concurrency\":" + ambiguous + "}")).as(ambiguous)
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("concurrency (from the event) must be a whole number from 1 to 10000");
    }
    assertThatThrownBy(() -> parse(OK + ",\"requestTimeoutMs\":2500.5}")).hasMessageContaining("requestTimeoutMs");
    assertThatThrownBy(() -> parse(OK + ",\"maxAttempts\":11}")).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"range\":{\"from\":0.0,\"to\":5}}"))
        .hasMessageContaining("range.from");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"range\":{\"from\":0,\"to\":1e2}}"))
        .hasMessageContaining("range.to");
  }

  @Test
  void readsParquetChoicesByTheirExactLabels() {
    IngestRequest request = parse(OK + ",\"parquet\":{\"writerVersion\":\"PARQUET_1_0\",\"compression\":\"ZSTD\","
        + "\"rowGroupMb\":\"8\"}}");
    assertThat(request.parquet().writerVersion()).isEqualTo(ParquetOptions.WriterVersion.PARQUET_1_0);
    assertThat(request.parquet().compression()).isEqualTo(ParquetOptions.Compression.ZSTD);
    assertThat(request.parquet().rowGroupBytes()).isEqualTo(8L * 1024 * 1024);

    assertThatThrownBy(() -> parse(OK + ",\"parquet\":{\"compression\":\"snappy\"}}"))
        .hasMessageContaining("parquet.compression (from the event) must be one of ZSTD, SNAPPY, LZ4_RAW, UNCOMPRESSED");
    assertThatThrownBy(() -> parse(OK + ",\"parquet\":{\"writerVersion\":2}}"))
        .hasMessageContaining("parquet.writerVersion (from the event) must be one of PARQUET_1_0, PARQUET_2_0");
    assertThatThrownBy(() -> parse(OK + ",\"parquet\":{\"rowGroupMb\":2.5}}")).hasMessageContaining("parquet.rowGroupMb");
    assertThatThrownBy(() -> parse(OK + ",\"parquet\":{\"rowGroupMb\":0}}")).hasMessageContaining("parquet.rowGroupMb");
    assertThatThrownBy(() -> parse(OK + ",\"parquet\":{\"pageMb\":1}}")).hasMessageContaining("unknown field 'parquet.pageMb'");
  }

  @Test
  void refusesWhatCouldMeanTwoThings() {
    assertThatThrownBy(() -> parse(OK + ",\"concurrency\":1,\"concurrency\":500}"))
        .hasMessageContaining("Duplicate field 'concurrency'");
    assertThatThrownBy(() -> parse(OK + "} {\"concurrency\":1}")).hasMessageContaining("more after its JSON object");
    assertThatThrownBy(() -> parse(OK + ",\"ids\":null,\"urlTemplate\":\"http://h/{id}\"}"))
        .hasMessageContaining("Duplicate field 'urlTemplate'");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"ids\":[\"a/b\"]}"))
        .hasMessageContaining("'ids' holds the id 'a/b'");
    assertThatThrownBy(() -> parse("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":\"b\",\"ids\":[\"1?x=2\"]}"))
        .hasMessageContaining("'ids' holds the id");
  }

  @Test
  void takesANullAsNotSetAndTheBucketFromTheEnvironment() {
    IngestRequest request = IngestRequest.parse(("{\"urlTemplate\":\"http://h/{id}\",\"bucket\":null,"
        + "\"concurrency\":null,\"range\":{\"from\":0,\"to\":3}}").getBytes(StandardCharsets.UTF_8),
        Map.of(IngestRequest.BUCKET_VARIABLE, "from-env"));
    assertThat(request.bucket()).isEqualTo("from-env");
    assertThat(request.concurrency()).isEqualTo(IngestRequest.DEFAULT_CONCURRENCY);
    assertThat(IngestRequest.parse((OK + "}").getBytes(StandardCharsets.UTF_8),
        Map.of(IngestRequest.BUCKET_VARIABLE, "from-env")).bucket()).as("the event's own wins").isEqualTo("b");
  }

  @Test
  void theRunIsTheRequestIdUnlessTheEventOrItsTokenNamesOne() {
    RunId requestId = new RunId("7c1d6d4e-5bd1-4a47-9f5e-0b3f0d0c2a11");
    assertThat(job(parse(OK + "}"), requestId).base()).isEqualTo("ingest/" + requestId + "/00001");
    IngestRequest named = parse(OK + ",\"runId\":\"exec-2026-12-01.a_1\"}");
    assertThat(job(named, requestId).base()).isEqualTo("ingest/exec-2026-12-01.a_1/00001");

    String token = new ResumeToken(named.jobFingerprint(), new RunId("exec-2026-12-01.a_1"), 3,
        new IdSource(List.of(new IdSource.Range(5, 10)))).encode();
    IngestRequest resumed = parse(OK + ",\"resume\":\"" + token + "\"}");
    assertThat(job(resumed, requestId).base()).as("a resumed call, retried or not, writes the same keys")
        .isEqualTo("ingest/exec-2026-12-01.a_1/00004");
    assertThat(job(parse(OK + ",\"runId\":\"exec-2026-12-01.a_1\",\"resume\":\"" + token + "\"}"), requestId).base())
        .isEqualTo("ingest/exec-2026-12-01.a_1/00004");
    assertThatThrownBy(() -> parse(OK + ",\"runId\":\"other\",\"resume\":\"" + token + "\"}"))
        .hasMessageContaining("differs from the run of the resume token");
  }

  @Test
  void refusesRunIdsThatAreNotASafeKeySegment() {
    for (String unsafe : List.of("", "../up", "a/b", "a b", ".hidden", "-dash", "x".repeat(81), "caf\u00e9")) {
      assertThatThrownBy(() -> parse(OK + ",\"runId\":\"" + unsafe + "\"}")).as(unsafe)
          .hasMessageContaining("'runId' must be 1 to 80 letters, digits");
    }
    assertThatThrownBy(() -> parse(OK + ",\"runId\":7}")).hasMessageContaining("runId (from the event) must be text");
    assertThatThrownBy(() -> RunId.of("a b", "the invocation's request id"))
        .hasMessageContaining("the invocation's request id must be");
  }

  @Test
  void refusesATokenThatWasTamperedWith() {
    IngestRequest first = parse(OK + "}");
    String json = "{\"v\":1,\"job\":\"" + first.jobFingerprint() + "\",\"run\":\"r\",\"call\":\"1\",\"pending\":[[0,5]]}";
    String stringCall = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> parse(OK + ",\"resume\":\"" + stringCall + "\"}")).hasMessageContaining("not a token");
    String badRun = Base64.getUrlEncoder().withoutPadding().encodeToString(json.replace("\"r\"", "\"../r\"")
        .replace("\"1\"", "1").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> parse(OK + ",\"resume\":\"" + badRun + "\"}")).hasMessageContaining("run");
  }

  private static IngestJob job(IngestRequest request, RunId invocationRun) {
    return new IngestJob(request, null, null, null, null, invocationRun);
  }
}
