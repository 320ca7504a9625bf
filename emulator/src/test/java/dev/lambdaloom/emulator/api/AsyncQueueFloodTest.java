package dev.lambdaloom.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.EmulatorSettings;
import dev.lambdaloom.emulator.LogSink;
import dev.lambdaloom.emulator.fixtures.FixtureCode;
import dev.lambdaloom.emulator.fixtures.Poll;
import dev.lambdaloom.emulator.template.SamTemplate;
import dev.lambdaloom.loopback.RawHttp;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller floods a slow function with Event calls through the Invoke API: the function's queue stays within its
 * bound, the calls beyond it are throttled, every accepted one runs, and the emulator's heap holds no more than the
 * bound allows.
 */
class AsyncQueueFloodTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CALLS = 5_000;
  private static final int PAYLOAD_BYTES = 256 * 1024;
  /** Callers at once: enough to outpace the function many times over, few enough for two cores. */
  private static final int CALLERS = 16;
  /** What one accepted event may hold besides its payload: its request ids, its parked thread's stack, its future. */
  private static final long OVERHEAD_PER_EVENT = 16 * 1024;
  /** What the JVM's heap may grow by between two full collections for reasons of its own (JIT, caches, pools). */
  private static final long HEAP_NOISE = 16L * 1024 * 1024;
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(1);
  private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: (\\S+)\t");

  @TempDir Path dir;

  @Test
  void aFloodOfEventCallsIsThrottledBeyondTheQueueBoundAndEveryAcceptedOneRuns() throws Exception {
    FixtureCode.archive(dir.resolve("fixture.zip"));
    Path template = FixtureCode.template(dir, """
          Slow:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: fixture.zip
              Handler: %s
              ReservedConcurrentExecutions: 1
              MemorySize: 1769
        """.formatted(FixtureCode.HANDLER));
    Map<String, Integer> reported = new ConcurrentHashMap<>();
    LogSink sink = (function, lines) -> lines.forEach(line -> {
      Matcher report = REPORT.matcher(line);
      if (report.find()) {
        reported.merge(report.group(1), 1, Integer::sum);
      }
    });
    byte[] payload = payload();

    try (Emulator emulator = Emulator.start(SamTemplate.load(template), EmulatorSettings.defaults(), sink);
        InvokeApiServer api = InvokeApiServer.start(emulator, 0)) {
      // By hand on keep-alive sockets: the callers' own cost stays small beside the emulator's.
      byte[] request = ("POST /2015-03-31/functions/Slow/invocations HTTP/1.1\r\nHost: 127.0.0.1:" + api.port()
          + "\r\nX-Amz-Invocation-Type: Event\r\nContent-Type: application/json\r\nContent-Length: "
          + payload.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      // Warm: the container is up and every class on the way is loaded before the heap is measured.
      long runNanos = timeOneRun(emulator, payload);
      long heapBefore = heapAfterFullCollection();

      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger throttled = new AtomicInteger();
      AtomicLong mostEventsHeld = new AtomicLong();
      AtomicLong mostBytesHeld = new AtomicLong();
      AtomicBoolean flooding = new AtomicBoolean(true);
      Thread sampler = Thread.ofVirtual().start(() -> {
        while (flooding.get()) {
          mostEventsHeld.accumulateAndGet(emulator.queuedEvents("Slow"), Math::max);
          mostBytesHeld.accumulateAndGet(emulator.queuedEventBytes("Slow"), Math::max);
          LockSupport.parkNanos(SAMPLE_EVERY.toNanos());
        }
      });
      AtomicInteger next = new AtomicInteger();
      long floodStart = System.nanoTime();
      try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
          running.add(callers.submit(() -> {
            try (RawHttp connection = RawHttp.connect(api.port())) {
              while (next.getAndIncrement() < CALLS) {
                connection.send(request);
                connection.send(payload); // one array for every call
                RawHttp.Response response = connection.readResponse();
                switch (response.status()) {
                  case 202 -> accepted.add(response.header("x-amzn-RequestId"));
                  case 429 -> {
                    assertThat(response.header("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
                    assertThat(JSON.readTree(response.body()).get("Reason").asText())
                        .isEqualTo("ReservedFunctionInvocationRateLimitExceeded");
                    throttled.incrementAndGet();
                  }
                  default -> throw new AssertionError(response.status() + " " + response.body());
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> caller : running) {
          caller.get();
        }
      }
      long floodNanos = System.nanoTime() - floodStart;
      long heapFlooded = heapAfterFullCollection(); // the queue is still as full as the flood left it
      flooding.set(false);
      sampler.join();

      assertThat(accepted.size() + throttled.get()).isEqualTo(CALLS);
      assertThat(throttled.get()).as("calls beyond the bound are throttled").isPositive();
      assertThat(mostEventsHeld.get()).isLessThanOrEqualTo(Emulator.MAX_QUEUED_EVENTS_PER_FUNCTION);
      assertThat(mostBytesHeld.get()).isLessThanOrEqualTo(Emulator.MAX_QUEUED_BYTES_PER_FUNCTION)
          .isGreaterThan(Emulator.MAX_QUEUED_BYTES_PER_FUNCTION - PAYLOAD_BYTES); // it did fill up
      long allowed = Emulator.MAX_QUEUED_BYTES_PER_FUNCTION + Emulator.MAX_QUEUED_EVENTS_PER_FUNCTION * OVERHEAD_PER_EVENT
          + HEAP_NOISE;
      assertThat(heapFlooded - heapBefore).as("heap grown by the flood (allowed %d bytes; unbounded it would be "
          + "about %d)", allowed, (long) accepted.size() * PAYLOAD_BYTES).isLessThanOrEqualTo(allowed);

      // Each accepted event runs once; the one container runs them one after another, three times slower at worst.
      Duration drain = Duration.ofNanos(runNanos * 3 * (accepted.size() + 1)).plusSeconds(30);
      long drainStart = System.nanoTime();
      Poll.until(() -> reported.keySet().containsAll(accepted), drain, "every accepted event to run");
      System.out.printf("flood of %d calls: %d ms, %d accepted, %d throttled, most held %d events / %d bytes, heap +%d"
          + " bytes; one run %.1f ms, drained in %d ms%n", CALLS, floodNanos / 1_000_000, accepted.size(), throttled.get(),
          mostEventsHeld.get(), mostBytesHeld.get(), heapFlooded - heapBefore, runNanos / 1e6,
          (System.nanoTime() - drainStart) / 1_000_000);
      assertThat(accepted).allSatisfy(id -> assertThat(reported.get(id)).as(id).isEqualTo(1));
      Poll.until(() -> emulator.queuedEvents("Slow") == 0, Duration.ofSeconds(30), "the queue to empty");
      assertThat(emulator.queuedEventBytes("Slow")).isZero();
    }
  }

  /** A 256 KB event for the fixture's sleep mode: a short sleep, a long padding string, not echoed back. */
  private static byte[] payload() {
    String head = "{\"mode\":\"sleep\",\"millis\":5,\"echo\":false,\"padding\":\"";
    String tail = "\"}";
    return (head + "x".repeat(PAYLOAD_BYTES - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  /** Runs the function synchronously a few times (the first starts it) and returns the slowest warm run. */
  private static long timeOneRun(Emulator emulator, byte[] payload) throws InterruptedException {
    emulator.invoke("Slow", payload);
    long slowest = 0;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      assertThat(emulator.invoke("Slow", payload).failed()).isFalse();
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    return slowest;
  }

  private static long heapAfterFullCollection() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
