package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Deadline;
import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.Pipeline;
import dev.lambdaloom.core.PipelineResult;
import dev.lambdaloom.core.TaskResult;
import dev.lambdaloom.readingformat.ParseResult;
import dev.lambdaloom.readingformat.Reading;
import dev.lambdaloom.readingformat.ReadingParser;
import dev.lambdaloom.readingformat.RejectReason;
import dev.lambdaloom.readingformat.Rejection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One call's work: check the bucket with one cheap request, fetch every id at most {@code concurrency} at a time on
 * virtual threads, validate each document as it is parsed, write valid ones to one Parquet object and keep every
 * invalid one, with its reason and body, in a JSON Lines object; near the deadline, stop starting requests, let or
 * make the running ones end, publish what is done (Parquet last, see {@link CallOutputs}) and hand back the rest as a
 * resume token. How near is the {@link StopClock}'s business: the time kept back follows what the call holds.
 *
 * <p>Ids end in exactly one of: a Parquet row, a rejected record, a failed record, or the token. Failures to write
 * (a missing bucket, access denied, an upload that fails) fail the call with their cause; only the deadline ends it
 * with a token.
 */
final class IngestJob {
  /** Failed ids listed in the result itself; all of them are in the failed-records object. */
  static final int LISTED_FAILURES = 1000;
  /** Results waiting for the writer: enough to ride out a row group's encoding, few enough to bound memory. */
  private static final int WRITER_QUEUE = 32;
  /** Writes whose median paces the drain: enough to see a row group's encoding come round, few to sort each time. */
  private static final int RECENT_RECORDS = 31;

  private final IngestRequest request;
  private final DocumentFetcher fetcher;
  private final S3Client s3;
  private final ReadingParser parser;
  private final PublishCosts costs;
  private final RunId run;
  private final int call;

  /**
   * @param invocationRun the run when neither the request nor its resume token names one: the invocation's request
   *     id, which a retried invocation keeps
   */
  IngestJob(IngestRequest request, DocumentFetcher fetcher, S3Client s3, ReadingParser parser, PublishCosts costs,
      RunId invocationRun) {
    this.request = request;
    this.fetcher = fetcher;
    this.s3 = s3;
    this.parser = parser;
    this.costs = costs;
    this.run = request.resume() != null ? request.resume().run()
        : request.runId() != null ? request.runId() : invocationRun;
    this.call = request.resume() == null ? 1 : request.resume().call() + 1;
  }

  /** Where this call's objects go: {@code <keyPrefix><run>/<call>}, the call numbered from 00001. */
  String base() {
    return request.keyPrefix() + run + "/" + String.format("%05d", call);
  }

  /** A fetched and parsed document. */
  private record Document(String url, DocumentFetcher.Fetched fetched, ParseResult parsed) {}

  /** Runs the call; {@code end} is when the invocation ends (Lambda's timeout). */
  IngestResult run(Deadline end) throws IOException, InterruptedException {
    long started = System.nanoTime();
    String base = base();
    BucketProbe probe = new BucketProbe(s3, request.bucket(), costs);
    Set<String> existing = probe.keysStartingWith(base);
    if (!costs.knowsUploadRate()) {
      probe.measureUpload(base + ".probe");
    }
    IdSource ids = request.ids();
    IdSource.Cursor cursor = ids.iterator();
    Tally tally = new Tally();
    List<String> cancelled = new ArrayList<>();
    try (CallOutputs outputs = new CallOutputs(s3, request, base, existing, costs)) {
      Duration startedWith = end.remaining();
      StopClock clock = StopClock.forCall(end, request.requestTimeout(), costs.reserve(outputs.backlog().plusRequests(1)));
      Writer writer = new Writer(outputs, tally, cancelled, clock);
      // The fan-out's own interrupt is the backstop: each request is cut at the clock's interrupt as it stands when the
      // request starts, and no request starts once the clock says dispatch is over.
      FanOut fanOut = FanOut.maxInFlight(request.concurrency()).interruptAt(clock.interruptAt());
      PipelineResult<TaskResult<String, Document>> written = Pipeline.withCapacity(WRITER_QUEUE).run(
          sink -> fanOut.<String, Document>stream(new UntilDispatchIsOver(cursor, clock),
              id -> fetchAndParse(id, clock),
              result -> handOver(sink, result)),
          writer::record);
      if (!written.failures().isEmpty()) {
        throw failure(written.failures().getFirst());
      }
      List<IdSource.Part> pending = new ArrayList<>(IdSource.compact(cancelled));
      pending.addAll(cursor.remaining());
      IdSource left = new IdSource(pending);
      if (left.size() == ids.size()) {
        // A token that leaves every id pending would be called again with the same time, and loop for ever.
        throw new IllegalStateException("no document could be fetched in this call: it had " + startedWith.toMillis()
            + " ms, publishing needs " + clock.reserve().toMillis() + " ms (" + costs + ") and running requests "
            + clock.settle().toMillis() + " ms; give the function a longer Timeout");
      }
      Duration fetching = Duration.ofNanos(System.nanoTime() - started);
      Duration leftBeforePublishing = clock.left();
      Backlog backlog = outputs.backlog().plusRequests(1);
      Duration estimate = costs.estimate(backlog);
      long publishing = System.nanoTime();
      outputs.publish();
      Duration published = Duration.ofNanos(System.nanoTime() - publishing);
      costs.published(estimate, published);
      ResumeToken token = left.isEmpty() ? null : new ResumeToken(request.jobFingerprint(), run, call, left);
      System.err.printf("ingest %s: %d documents in %d ms, stopped with %d ms left; published %d objects (%d bytes "
              + "to upload) in %d ms, estimated %d ms, reserve %d ms (%s); %d ms left to answer, %d ids pending%n",
          base, tally.fetched + tally.failedCount(), fetching.toMillis(), leftBeforePublishing.toMillis(),
          outputs.keys().size(), backlog.uploadBytes(), published.toMillis(), estimate.toMillis(),
          clock.reserve().toMillis(), costs, clock.left().toMillis(), left.size());
      return tally.result(ids.size(), outputs, token, left.size(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * The ids in order, until the clock says no request may start any more. The cursor keeps its place: what was not
   * handed out is its {@code remaining()}.
   */
  private static final class UntilDispatchIsOver implements Iterator<String> {
    private final IdSource.Cursor cursor;
    private final StopClock clock;
    private boolean over;

    UntilDispatchIsOver(IdSource.Cursor cursor, StopClock clock) {
      this.cursor = cursor;
      this.clock = clock;
    }

    @Override
    public boolean hasNext() {
      over = over || clock.dispatchOver();
      return !over && cursor.hasNext();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return cursor.next();
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

  /** Fetches within the clock's interrupt as it stands now, and tells the clock how long it took. */
  private Document fetchAndParse(String id, StopClock clock)
      throws DocumentFetcher.FetchFailedException, DocumentFetcher.DeadlineReachedException, InterruptedException {
    long start = System.nanoTime();
    String url = request.url(id);
    DocumentFetcher.Fetched fetched = fetcher.fetch(url, clock.interruptAt());
    ParseResult parsed = fetched.truncated()
        ? Rejection.of(RejectReason.TOO_LARGE, "body longer than " + parser.limits().maxBytes() + " bytes; its head is kept")
        : parser.parse(fetched.body());
    clock.fetched(Duration.ofNanos(System.nanoTime() - start));
    return new Document(url, fetched, parsed);
  }

  /**
   * Records each result in the outputs, on the writer thread (the outputs and the tally are single-threaded), and
   * keeps the clock's reserve in step with what the outputs hold and what may still arrive.
   */
  private final class Writer {
    private final CallOutputs outputs;
    private final Tally tally;
    private final List<String> cancelled;
    private final StopClock clock;
    /** Results that may still reach the writer once dispatch stops: in flight, posted, queued. */
    private final int stillToCome;
    /** How long the latest results took to write, for their median. */
    private final long[] recentNanos = new long[RECENT_RECORDS];
    private long records;

    Writer(CallOutputs outputs, Tally tally, List<String> cancelled, StopClock clock) {
      this.outputs = outputs;
      this.tally = tally;
      this.cancelled = cancelled;
      this.clock = clock;
      this.stillToCome = request.concurrency() + Math.max(1, request.concurrency() / 4) + WRITER_QUEUE;
      Arrays.fill(recentNanos, costs.writeTime().toNanos()); // until writes are measured, what init measured
    }

    void record(TaskResult<String, Document> result) throws IOException {
      long start = System.nanoTime();
      write(result);
      recentNanos[(int) (records++ % RECENT_RECORDS)] = System.nanoTime() - start;
      long bytesPerRecord = outputs.bytesWritten() / records;
      Backlog backlog = outputs.backlog()
          .plusDrain(Duration.ofNanos(medianRecordNanos() * stillToCome))
          .plusUpload(bytesPerRecord * stillToCome)
          .plusRequests(1); // the answer
      clock.reserve(costs.reserve(backlog));
    }

    /**
     * The median of the latest writes, the window filled with init's measurement at first: the first writes open what
     * the rest reuse (the Parquet writer, the JSON Lines objects), and a thread on a small CPU share is now and then
     * held for most of a scheduling period (measured at 0.145 vCPU: a first write of 94 ms, then 0.1 to 0.5 ms, with
     * a 95 ms one among them); an average, or a median of the first few, would stop a call at its start.
     */
    private long medianRecordNanos() {
      long[] sorted = recentNanos.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    private void write(TaskResult<String, Document> result) throws IOException {
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
              outputs.rejected().append(json -> {
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
        case TaskResult.Failure<String, Document>(String id, Throwable failure)
            when failure instanceof DocumentFetcher.DeadlineReachedException -> cancelled.add(id);
        case TaskResult.Failure<String, Document>(String id, Throwable failure) -> {
          String reason = failure instanceof DocumentFetcher.FetchFailedException f ? f.reason() : "error";
          int attempts = failure instanceof DocumentFetcher.FetchFailedException f ? f.attempts() : 1;
          tally.retried += attempts - 1;
          tally.failed.merge(reason, 1L, Long::sum);
          if (tally.failedIds.size() < LISTED_FAILURES) {
            tally.failedIds.add(id);
          }
          outputs.failed().append(json -> {
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

  /** Counts, on the writer thread. */
  private static final class Tally {
    long fetched;
    long valid;
    long retried;
    final Map<String, Long> rejected = new TreeMap<>();
    final Map<String, Long> failed = new TreeMap<>();
    final List<String> failedIds = new ArrayList<>();

    long failedCount() {
      return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    IngestResult result(long requested, CallOutputs outputs, ResumeToken token, long pending, long durationMs) {
      ParquetSummary summary = outputs.summary();
      return new IngestResult(requested, fetched, valid, rejected, retried, failedCount(), failed, failedIds,
          summary == null ? 0 : summary.rows(), summary == null ? 0 : summary.values(),
          summary == null ? 0 : summary.bytes(), outputs.keys(), token == null ? null : token.encode(), pending,
          durationMs);
    }
  }
}
