package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.readingformat.Reading;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the publish path once at init, with no side effect, so that the first call does not pay class loading at its
 * deadline, where it has the least time (measured here at 0.29 vCPU: the first PutObject of a fresh JVM took 0.5 s of
 * CPU, 1.7 s of wall time at that share); and measures in CPU time what that path costs.
 *
 * <p>What a call does last is what is primed: a Parquet file finished (its last row group encoded and compressed, its
 * footer written) for each page version, every codec's compressor, a JSON Lines object, and every S3 request the
 * function makes, through an S3 client configured like the container's own over {@link CannedS3Answers} instead of
 * a connection. Small: class loading is the cost that matters (measured here: about 0.8 s of CPU for Parquet's
 * writer, 0.5 s for the S3 client's requests), and init is billed. Parquet and S3 are primed on two threads at once:
 * init runs before Lambda applies the CPU share, and each thread measures its own CPU time.
 */
final class PublishPrimer {
  private static final int VALUES = 1000;
  /** Two sizes of file, for the cost of a finish and its cost per byte buffered. */
  private static final int FEW_READINGS = 4;
  private static final int MORE_READINGS = 32;
  /** Measures the time per byte of the S3 client's upload path (signing, checksums, copying). */
  private static final int MEASURED_BODY_BYTES = 512 * 1024;
  /** The sinks check no part size: small parts run the same code as S3's 5 MiB ones. */
  private static final int PART_BYTES = 64 * 1024;
  /** Rounds of each measurement; the least counts (the path once loaded). */
  private static final int ROUNDS = 2;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PublishPrimer() {}

  /**
   * Primes the publish path with an S3 client configured from {@code environment} like the container's own, and
   * starts the container's {@link PublishCosts} from what it measured, at the CPU share Lambda gives this container.
   * Priming only saves time: if it fails, the function still works (the first call then pays the class loading, and
   * its costs are learned from its requests), and says so in its log.
   */
  static PublishCosts primedCosts(Map<String, String> environment) {
    double share = PublishCosts.cpuShare(environment);
    PublishCosts.CpuCosts cpu;
    long started = System.nanoTime();
    try {
      cpu = prime(environment);
    } catch (IOException | RuntimeException e) {
      System.err.println("ingest: priming the publish path failed, the first call will be slower: " + e);
      e.printStackTrace();
      cpu = PublishCosts.CpuCosts.UNKNOWN;
    }
    System.err.printf("ingest: primed the publish path in %d ms; its CPU costs: %d µs to write a reading, %.2f ns per "
            + "byte to encode, %d µs to finish a file, %.2f ns per byte to upload, %d µs per request; this container "
            + "gets %.2f vCPU%n", (System.nanoTime() - started) / 1_000_000, cpu.encoding().writeNanos() / 1000,
        cpu.encoding().nanosPerByte(), cpu.encoding().finishNanos() / 1000, cpu.uploads().nanosPerByte(),
        cpu.uploads().nanosPerRequest() / 1000, share);
    return new PublishCosts(share, cpu);
  }

  /** Primes Parquet on a second thread while S3 is primed on this one; what each costs in CPU time. */
  static PublishCosts.CpuCosts prime(Map<String, String> environment) throws IOException {
    FutureTask<PublishCosts.Encoding> parquet = new FutureTask<>(PublishPrimer::primeParquet);
    Thread.ofPlatform().name("ingest-prime-parquet").daemon().start(parquet);
    PublishCosts.Uploads uploads;
    try (S3Client canned = S3Clients.likeTheRealOne(environment, CannedS3Answers.client())) {
      uploads = primeUploads(canned);
    }
    PublishCosts.Encoding encoding;
    try {
      encoding = parquet.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted priming Parquet", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("priming Parquet failed", e.getCause());
    }
    return new PublishCosts.CpuCosts(encoding, uploads);
  }

  /** Every codec, both page versions, and the writes and finish of a file measured at two sizes. */
  static PublishCosts.Encoding primeParquet() throws IOException {
    Reading[] readings = readings(MORE_READINGS);
    for (ParquetOptions.Compression compression : ParquetOptions.Compression.values()) {
      compressPage(compression);
    }
    finishFile(Arrays.copyOf(readings, FEW_READINGS),
        ParquetOptions.DEFAULT.withWriterVersion(ParquetOptions.WriterVersion.PARQUET_1_0));
    Finish few = null;
    Finish more = null;
    for (int round = 0; round < ROUNDS; round++) {
      few = Finish.least(few, finishFile(Arrays.copyOf(readings, FEW_READINGS), ParquetOptions.DEFAULT));
      more = Finish.least(more, finishFile(readings, ParquetOptions.DEFAULT));
    }
    double perByte = perByte(more.cpuNanos() - few.cpuNanos(), more.bytesBuffered() - few.bytesBuffered(),
        more.cpuNanos(), more.bytesBuffered());
    return new PublishCosts.Encoding(perByte, Math.max(0, few.cpuNanos() - (long) (few.bytesBuffered() * perByte)),
        more.writeNanos() / MORE_READINGS);
  }

  /** Every S3 request the function makes, through the sinks and the JSON Lines writer it uses; then measured. */
  static PublishCosts.Uploads primeUploads(S3Client canned) throws IOException {
    JsonLinesObject lines = new JsonLinesObject("primed.jsonl", () -> sink(canned, "primed.jsonl"));
    try (lines) {
      for (int i = 0; i < FEW_READINGS; i++) {
        int line = i;
        lines.append(json -> {
          json.writeStringField("id", Integer.toString(line));
          json.writeStringField("reason", "primed");
          json.writeNumberField("bytes", line);
        });
      }
      lines.finish();
    }
    byte[] part = new byte[PART_BYTES];
    S3MultipartSink completed = sink(canned, "primed.bin");
    completed.part(1, part, part.length);
    completed.part(2, part, part.length / 2);
    completed.complete();
    S3MultipartSink aborted = sink(canned, "primed.bin");
    aborted.part(1, part, part.length);
    aborted.part(2, part, part.length);
    aborted.abort();
    canned.listObjectsV2(b -> b.bucket("primed").prefix("primed/").maxKeys(10));
    canned.deleteObject(b -> b.bucket("primed").key("primed.bin"));

    long request = Long.MAX_VALUE;
    double perByte = Double.MAX_VALUE;
    byte[] body = new byte[MEASURED_BODY_BYTES];
    for (int round = 0; round < ROUNDS; round++) {
      long empty = cpu(() -> put(canned, RequestBody.empty()));
      long full = cpu(() -> put(canned, RequestBody.fromContentProvider(() -> new ByteArrayInputStream(body),
          body.length, "application/octet-stream")));
      request = Math.min(request, empty);
      perByte = Math.min(perByte, perByte(full - empty, body.length, full, body.length));
    }
    return new PublishCosts.Uploads(perByte, request);
  }

  /**
   * The CPU time per byte from the difference of two measurements, the fixed costs cancelled out. When noise (a
   * compilation, a preemption in the smaller one) leaves no positive difference, the larger measurement's whole
   * cost per byte is taken instead: it overestimates, and an estimate too high only stops a call a little early,
   * where one too low would let it miss its deadline.
   */
  static double perByte(long extraNanos, long extraBytes, long totalNanos, long totalBytes) {
    if (extraNanos > 0 && extraBytes > 0) {
      return extraNanos / (double) extraBytes;
    }
    return Math.max(0, totalNanos) / (double) Math.max(1, totalBytes);
  }

  /** What writing a file's readings and finishing it took, and how many bytes its last row group had buffered. */
  private record Finish(long writeNanos, long cpuNanos, long bytesBuffered) {
    /** The quicker of two measurements of the same file (null: none yet). */
    static Finish least(Finish kept, Finish measured) {
      return kept == null || measured.cpuNanos() < kept.cpuNanos() ? measured : kept;
    }
  }

  /** Loads a codec: the last row group of a short call is often the first to be compressed. */
  private static void compressPage(ParquetOptions.Compression compression) throws IOException {
    byte[] page = new byte[PART_BYTES];
    new SplittableRandom(7).nextBytes(page);
    new PureJavaCodecFactory().getCompressor(CompressionCodecName.valueOf(compression.name()))
        .compress(BytesInput.from(page));
  }

  /** Writes readings in memory and finishes the file. */
  private static Finish finishFile(Reading[] readings, ParquetOptions options) throws IOException {
    try (ReadingsParquetWriter writer = ReadingsParquetWriter.toParts(new DroppedParts(), PartSink.MIN_PART_BYTES,
        options)) {
      long writes = cpu(() -> {
        for (Reading reading : readings) {
          writer.write(reading);
        }
      });
      long buffered = writer.bytesBuffered();
      return new Finish(writes, cpu(writer::finish), buffered);
    }
  }

  private static S3MultipartSink sink(S3Client canned, String key) {
    return new S3MultipartSink(canned, "primed", key, "application/octet-stream", 2, RequestTimes.IGNORED);
  }

  private static void put(S3Client canned, RequestBody body) {
    canned.putObject(b -> b.bucket("primed").key("primed.bin").contentType("application/octet-stream"), body);
  }

  /** Work that may throw an IOException. */
  @FunctionalInterface
  private interface Work {
    void run() throws IOException;
  }

  /** CPU time {@code work} took on this thread (wall time where the JVM cannot tell CPU time). */
  private static long cpu(Work work) throws IOException {
    boolean measurable = THREADS.isCurrentThreadCpuTimeSupported();
    long start = measurable ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    work.run();
    return (measurable ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start;
  }

  /** Readings like the API's: a timestamp and a thousand values of up to six digits. */
  private static Reading[] readings(int count) {
    SplittableRandom random = new SplittableRandom(42);
    Reading[] readings = new Reading[count];
    for (int i = 0; i < readings.length; i++) {
      long[] values = new long[VALUES];
      Arrays.setAll(values, v -> random.nextLong(100_000));
      readings[i] = new Reading(String.format("2026-01-01T00:%02d:%02dZ", i / 60 % 60, i % 60), values);
    }
    return readings;
  }

  /** Parts that go nowhere: the encoding alone is measured. */
  private static final class DroppedParts implements PartSink {
    @Override
    public void part(int partNumber, byte[] bytes, int length) {}

    @Override
    public void complete() {}

    @Override
    public void abort() {}
  }
}
