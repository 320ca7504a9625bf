package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.core.Settings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * What publishing costs in this container, learned as it works, so that a call stops fetching early enough to publish
 * what it holds and answer before Lambda's timeout, on any machine and at any memory size.
 *
 * <p>Three sources, all measured here, none a constant tuned on one machine:
 * <ul>
 *   <li>the CPU the publish path needs per byte and per request, measured at init by {@link PublishPrimer} as CPU
 *       time and scaled to the CPU share Lambda gives after init (memory / 1,769 MB of one vCPU; publishing runs on
 *       one thread, so never more than one): a machine three times slower measures three times the CPU;
 *   <li>the wall time of every S3 request the function made lately, fixed latency and time per uploaded byte
 *       (which include the server's side, the network and contention at the time);
 *   <li>how long earlier publishes took against what was estimated for them: when the estimate fell short, later
 *       ones are scaled up by as much.
 * </ul>
 * The reserve is {@value #SAFETY} times the estimate: each input is the worst of its recent samples but one, but
 * those were taken at other moments, and a shared machine (or Lambda host) may be busier at the end of the call.
 *
 * <p>Thread-safe: uploads report from their own threads.
 */
final class PublishCosts implements RequestTimes {
  static final double SAFETY = 2.0;
  /** How many recent samples of each kind are kept: enough to see a slow spell, few enough to forget it. */
  private static final int SAMPLES = 8;
  /** Uploads at least this large measure time per byte; smaller requests measure latency. */
  static final long MEASURED_UPLOAD_BYTES = 256 * 1024;
  private static final long LATENCY_BYTES = 64 * 1024;
  static final String MEMORY_VARIABLE = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
  /** Lambda gives one full vCPU at this memory size, and CPU in proportion below it. */
  static final int MB_PER_VCPU = 1769;

  /**
   * CPU time to write readings and finish a Parquet file, measured at init (nanoseconds of one thread's CPU).
   *
   * @param nanosPerByte to encode and compress a byte buffered in a row group
   * @param finishNanos to finish a file besides that (its footer)
   * @param writeNanos to write one reading of a thousand values
   */
  record Encoding(double nanosPerByte, long finishNanos, long writeNanos) {
    static final Encoding UNKNOWN = new Encoding(0, 0, 0);
  }

  /**
   * CPU time of the S3 client, measured at init.
   *
   * @param nanosPerByte work per byte uploaded (checksums, signing, copying)
   * @param nanosPerRequest work per request
   */
  record Uploads(double nanosPerByte, long nanosPerRequest) {
    static final Uploads UNKNOWN = new Uploads(0, 0);
  }

  /** CPU time of the publish path, measured at init. */
  record CpuCosts(Encoding encoding, Uploads uploads) {
    /** Nothing measured: the wall-time samples alone count. */
    static final CpuCosts UNKNOWN = new CpuCosts(Encoding.UNKNOWN, Uploads.UNKNOWN);
  }

  private final double cpuShare;
  private final CpuCosts cpu;
  // Guarded by this.
  private final ArrayDeque<Long> latencies = new ArrayDeque<>();
  private final ArrayDeque<Double> nanosPerByte = new ArrayDeque<>();
  private final ArrayDeque<Double> shortfalls = new ArrayDeque<>();

  PublishCosts(double cpuShare, CpuCosts cpu) {
    if (!(cpuShare > 0 && cpuShare <= 1)) {
      throw new IllegalArgumentException("cpuShare must be in (0, 1], not " + cpuShare);
    }
    this.cpuShare = cpuShare;
    this.cpu = cpu;
  }

  /** The share of one vCPU a thread gets at the memory size Lambda announces in the environment (1 when absent). */
  static double cpuShare(Map<String, String> environment) {
    int memoryMb = Settings.of(null, environment).wholeNumber(null, MEMORY_VARIABLE, MB_PER_VCPU, 128, 10_240);
    return Math.min(1.0, memoryMb / (double) MB_PER_VCPU);
  }

  double cpuShare() {
    return cpuShare;
  }

  /**
   * How long writing one reading takes before anything was measured in a call: the CPU time measured at init, at this
   * container's share.
   */
  Duration writeTime() {
    return Duration.ofNanos((long) (cpu.encoding().writeNanos() / cpuShare));
  }

  @Override
  public synchronized void request(long bodyBytes, long wallNanos) {
    if (bodyBytes < LATENCY_BYTES) {
      add(latencies, wallNanos);
    } else if (bodyBytes >= MEASURED_UPLOAD_BYTES) {
      // Less the quickest recent request's latency: what is left is put down to the bytes, on the safe side.
      long fastest = latencies.stream().mapToLong(Long::longValue).min().orElse(0);
      add(nanosPerByte, Math.max(0, wallNanos - fastest) / (double) bodyBytes);
    }
  }

  /** Whether an upload's time per byte was measured in this container yet. */
  synchronized boolean knowsUploadRate() {
    return !nanosPerByte.isEmpty();
  }

  /** A publish took {@code actual} where {@code estimated} was expected (the estimate, before the safety factor). */
  synchronized void published(Duration estimated, Duration actual) {
    if (estimated.isPositive()) {
      add(shortfalls, Math.max(1.0, actual.toNanos() / (double) estimated.toNanos()));
    }
  }

  /** How long publishing {@code backlog} should take, from the measurements so far. */
  synchronized Duration estimate(Backlog backlog) {
    double nanos = backlog.drain().toNanos()
        + (backlog.encodeBytes() == 0 ? 0 : cpu.encoding().finishNanos() + backlog.encodeBytes() * cpu.encoding().nanosPerByte()) / cpuShare
        + backlog.requests() * (double) latencyNanos()
        + backlog.uploadBytes() * uploadNanosPerByte();
    return Duration.ofNanos((long) Math.ceil(nanos));
  }

  /** The time to keep back for publishing {@code backlog}: the estimate, scaled by past shortfalls and the safety factor. */
  synchronized Duration reserve(Backlog backlog) {
    return Duration.ofNanos((long) Math.ceil(estimate(backlog).toNanos() * calibration() * SAFETY));
  }

  /** The figures the estimates use now, for the function's log. */
  @Override
  public synchronized String toString() {
    return String.format("%.2f vCPU, %d ms per request, %.1f ns per byte uploaded, %.1f ns per byte encoded, "
            + "calibration %.2f", cpuShare, latencyNanos() / 1_000_000, uploadNanosPerByte(),
        cpu.encoding().nanosPerByte() / cpuShare, calibration());
  }

  /** Past publishes that took longer than estimated scale the estimates up by as much; never down. */
  private double calibration() {
    return Math.max(1.0, worst(shortfalls));
  }

  private double uploadNanosPerByte() {
    return Math.max(worst(nanosPerByte), cpu.uploads().nanosPerByte() / cpuShare);
  }

  private long latencyNanos() {
    return Math.max((long) worst(latencies), (long) (cpu.uploads().nanosPerRequest() / cpuShare));
  }

  /**
   * The worst but one of the recent samples (the worst while there are two or fewer): a single outlier, such as the
   * first request of a connection or a collector's pause, does not set the pace for the next calls; two do.
   */
  private static double worst(ArrayDeque<? extends Number> samples) {
    double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length <= 2 ? sorted.length - 1 : sorted.length - 2];
  }

  private static <T> void add(ArrayDeque<T> samples, T sample) {
    if (samples.size() == SAMPLES) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }
}
