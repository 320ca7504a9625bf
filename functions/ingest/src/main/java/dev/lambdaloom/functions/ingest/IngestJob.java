package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.FanOutSummary;
import dev.lambdaloom.core.Pipeline;
import dev.lambdaloom.core.PipelineResult;
import dev.lambdaloom.core.TaskResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One call's work: fetch every id at most {@code concurrency} at a time on virtual threads, validate
 * each document as it is parsed, write valid ones to one Parquet object and keep every invalid one,
 * with its reason and body, in a JSON Lines object; near the deadline, stop starting requests, let
 * or make the running ones end, publish what is done and hand back the rest as a resume token.
 *
 * <p>Ids end in exactly one of: a Parquet row, a rejected record, a failed record, or the token.
 */
final class IngestJob {
  /** Failed ids listed in the result itself; all of them are in the failed-records object. */
  static final int LISTED_FAILURES = 1000;
  /** Results waiting for the writer: enough to ride out a row group's encoding, few enough to bound memory. */
  private static final int WRITER_QUEUE = 32;
  private static final String PARQUET_TYPE = "application/vnd.apache.parquet";
  private static final String JSON_LINES_TYPE = "application/x-ndjson";

  /** When to stop: no new request after {@code stopDispatch}; running ones interrupted at {@code interrupt}. */
  record Deadlines(Deadline stopDispatch, Deadline interrupt) {}

  private final IngestRequest request;
  private final DocumentFetcher fetcher;
  private final S3Client s3;
  private final ReadingParser parser;
  private final String run;
  private final int call;

  IngestJob(IngestRequest request, DocumentFetcher fetcher, S3Client s3, ReadingParser parser, String newRunId) {
    this.request = request;
    this.fetcher = fetcher;
    this.s3 = s3;
    this.parser = parser;
    this.run = request.resume() == null ? newRunId : request.resume().run();
    this.call = request.resume() == null ? 1 : request.resume().call() + 1;
  }

  /** A fetched and parsed document. */
  private record Document(String url, DocumentFetcher.Fetched fetched, ParseResult parsed) {}

  IngestResult run(Deadlines deadlines) throws IOException, InterruptedException {
    long started = System.nanoTime();
    IdSource ids = request.ids();
    IdSource.Cursor cursor = ids.iterator();
    Tally tally = new Tally();
    List<String> cancelled = new ArrayList<>();
    String base = request.keyPrefix() + run + "/" + String.format("%05d", call);
    Outputs outputs = new Outputs(base);
    try (outputs) {
      FanOut fanOut = FanOut.maxInFlight(request.concurrency())
          .stopDispatchAt(deadlines.stopDispatch())
          .interruptAt(deadlines.interrupt());
      // Fetching and parsing on the fan-out's threads, writing on one writer thread: the coordinator only hands
      // results over, so it refills the slots while a row group is encoded. The fan-out keeps the deadlines; the
      // writer records every result it was handed before the outputs are finished.
      AtomicReference<FanOutSummary<String>> summary = new AtomicReference<>();
      PipelineResult<TaskResult<String, Document>> written = Pipeline.withCapacity(WRITER_QUEUE).run(
          sink -> summary.set(fanOut.<String, Document>stream(cursor,
              id -> fetchAndParse(id, deadlines.interrupt()),
              result -> handOver(sink, result))),
          result -> record(result, tally, outputs, cancelled));
      if (!written.failures().isEmpty()) {
        throw failure(written.failures().getFirst());
      }
      List<IdSource.Part> pending = new ArrayList<>(IdSource.compact(cancelled));
      pending.addAll(((IdSource.Cursor) summary.get().notStarted()).remaining());
      IdSource left = new IdSource(pending);
      outputs.finish();
      ResumeToken token = left.isEmpty() ? null
          : new ResumeToken(request.jobFingerprint(), run, call, left);
      return tally.result(ids.size(), outputs, token, left.size(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** Blocks while the writer is {@link #WRITER_QUEUE} results behind; a stopped writer stops the fan-out. */
  private static void handOver(Pipeline.Sink<TaskResult<String, Document>> sink, TaskResult<String, Document> result) {
    try {
      sink.send(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the writer stopped");
    }
  }

  private static IOException failure(Throwable t) throws InterruptedException {
    return switch (t) {
      case IOException e -> e;
      case InterruptedException e -> throw e;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> new IOException(t);
    };
  }

  private Document fetchAndParse(String id, Deadline deadline)
      throws DocumentFetcher.FetchFailedException, InterruptedException {
    String url = request.url(id);
    DocumentFetcher.Fetched fetched = fetcher.fetch(url, deadline);
    ParseResult parsed = fetched.truncated()
        ? Rejection.of(RejectReason.TOO_LARGE, "body longer than " + parser.limits().maxBytes() + " bytes; its head is kept")
        : parser.parse(fetched.body());
    return new Document(url, fetched, parsed);
  }

  /** On the writer thread only: the writers and the tally are single-threaded. */
  private void record(TaskResult<String, Document> result, Tally tally, Outputs outputs, List<String> cancelled)
      throws IOException {
    switch (result) {
      case TaskResult.Success<String, Document>(String id, Document doc) -> {
        tally.fetched++;
        tally.retried += doc.fetched().attempts() - 1;
        switch (doc.parsed()) {
          case Reading reading -> {
            outputs.parquet().write(reading);
            tally.valid++;
          }
          case Rejection rejection -> {
            tally.rejected.merge(rejection.reason().code(), 1L, Long::sum);
            outputs.rejected.append(json -> {
              json.writeStringField("id", id);
              json.writeStringField("url", doc.url());
              json.writeStringField("reason", rejection.reason().code());
              json.writeStringField("detail", rejection.detail());
              if (rejection.valueIndex() >= 0) {
                json.writeNumberField("valueIndex", rejection.valueIndex());
              }
              json.writeNumberField("bytes", doc.fetched().body().length);
              json.writeBooleanField("truncated", doc.fetched().truncated());
              writeBody(json, doc.fetched().body());
            });
          }
        }
      }
      case TaskResult.Failure<String, Document>(String id, Throwable failure) -> {
        String reason = failure instanceof DocumentFetcher.FetchFailedException f ? f.reason() : "error";
        int attempts = failure instanceof DocumentFetcher.FetchFailedException f ? f.attempts() : 1;
        tally.retried += attempts - 1;
        tally.failed.merge(reason, 1L, Long::sum);
        if (tally.failedIds.size() < LISTED_FAILURES) {
          tally.failedIds.add(id);
        }
        outputs.failed.append(json -> {
          json.writeStringField("id", id);
          json.writeStringField("url", request.url(id));
          json.writeStringField("reason", reason);
          json.writeStringField("detail", String.valueOf(failure.getMessage()));
          json.writeNumberField("attempts", attempts);
        });
      }
      case TaskResult.Cancelled<String, Document>(String id) -> cancelled.add(id);
    }
  }

  /** The body as text when it is UTF-8, else as base64: what was received is kept, whatever it is. */
  private static void writeBody(com.fasterxml.jackson.core.JsonGenerator json, byte[] body) throws IOException {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
      json.writeStringField("body", text);
    } catch (CharacterCodingException e) {
      json.writeStringField("bodyBase64", Base64.getEncoder().encodeToString(body));
    }
  }

  /** The objects one call writes; nothing appears in S3 unless finished. */
  private final class Outputs implements AutoCloseable {
    final String parquetKey;
    final JsonLinesObject rejected;
    final JsonLinesObject failed;
    private ReadingsParquetWriter parquet;
    private ParquetSummary summary;

    Outputs(String base) {
      parquetKey = base + ".parquet";
      rejected = new JsonLinesObject(base + "-rejected.jsonl", () -> sink(base + "-rejected.jsonl", JSON_LINES_TYPE));
      failed = new JsonLinesObject(base + "-failed.jsonl", () -> sink(base + "-failed.jsonl", JSON_LINES_TYPE));
    }

    /** Opened at the first valid reading: a call with none writes no Parquet object. */
    ReadingsParquetWriter parquet() throws IOException {
      if (parquet == null) {
        parquet = ReadingsParquetWriter.toParts(sink(parquetKey, PARQUET_TYPE), PartSink.DEFAULT_PART_BYTES,
            request.parquet());
      }
      return parquet;
    }

    private PartSink sink(String key, String contentType) {
      return new S3MultipartSink(s3, request.bucket(), key, contentType, 2);
    }

    void finish() throws IOException {
      if (parquet != null) {
        summary = parquet.finish();
      }
      rejected.finish();
      failed.finish();
    }

    ParquetSummary summary() {
      return summary;
    }

    List<String> keys() {
      List<String> keys = new ArrayList<>();
      if (summary != null) {
        keys.add(parquetKey);
      }
      if (rejected.keyIfWritten() != null) {
        keys.add(rejected.keyIfWritten());
      }
      if (failed.keyIfWritten() != null) {
        keys.add(failed.keyIfWritten());
      }
      return keys;
    }

    @Override
    public void close() {
      if (parquet != null) {
        parquet.close(); // discards unless finished
      }
      rejected.close();
      failed.close();
    }
  }

  /** Counts, on the writer thread. */
  private static final class Tally {
    long fetched;
    long valid;
    long retried;
    final Map<String, Long> rejected = new TreeMap<>();
    final Map<String, Long> failed = new TreeMap<>();
    final List<String> failedIds = new ArrayList<>();

    IngestResult result(long requested, Outputs outputs, ResumeToken token, long pending, long durationMs) {
      ParquetSummary summary = outputs.summary();
      return new IngestResult(requested, fetched, valid, rejected, retried,
          failed.values().stream().mapToLong(Long::longValue).sum(), failed, failedIds,
          summary == null ? 0 : summary.rows(), summary == null ? 0 : summary.values(),
          summary == null ? 0 : summary.bytes(), outputs.keys(), token == null ? null : token.encode(), pending,
          durationMs);
    }
  }
}
