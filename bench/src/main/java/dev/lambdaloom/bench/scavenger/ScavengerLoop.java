package dev.lambdaloom.bench.scavenger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdaloom.emulator.Emulator;
import dev.lambdaloom.emulator.InvokeResult;
import dev.lambdaloom.emulator.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Invokes the scavenger through the emulator until it says it is done, each time handing the previous response's
 * {@code resume} to the next event: what a Step Functions loop around the function does on AWS.
 */
public final class ScavengerLoop {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** One invocation: the function's response and its REPORT figures. */
  public record Step(int number, Map<String, Object> response, Report report, boolean coldStart) {
    public long count(String field) {
      return response.get(field) instanceof Number n ? n.longValue() : 0;
    }

    public long requests() {
      return response.get("requests") instanceof Map<?, ?> r
          ? ((Number) r.get("scan")).longValue() + ((Number) r.get("delete")).longValue() : 0;
    }

    public boolean done() {
      return response.get("resume") == null;
    }
  }

  /** Every invocation of one run to the end. */
  public record Outcome(List<Step> steps, Duration wallClock) {
    public Outcome {
      steps = List.copyOf(steps);
    }

    public long total(String field) {
      return steps.stream().mapToLong(s -> s.count(field)).sum();
    }

    public long requests() {
      return steps.stream().mapToLong(Step::requests).sum();
    }

    public long deleteRequests() {
      return steps.stream().mapToLong(s -> s.response().get("requests") instanceof Map<?, ?> r
          ? ((Number) r.get("delete")).longValue() : 0).sum();
    }

    public int invocations() {
      return steps.size();
    }

    /** The functions' own time: the sum of their REPORT Durations (init not included). */
    public double durationMs() {
      return steps.stream().mapToDouble(s -> s.report().durationMs()).sum();
    }

    /** What Lambda bills: every Billed Duration, the init phase of cold starts included. */
    public long billedMs() {
      return steps.stream().mapToLong(s -> s.report().billedDurationMs()).sum();
    }

    public long maxMemoryUsedMb() {
      return steps.stream().mapToLong(s -> s.report().maxMemoryUsedMb()).max().orElse(0);
    }

    /** Deleted items per second of function time. */
    public double itemsPerSecond() {
      double seconds = durationMs() / 1000;
      return seconds == 0 ? 0 : total("deleted") / seconds;
    }
  }

  private final Emulator emulator;
  private final String function;
  private final int maxInvocations;

  /** @param maxInvocations a bound, so that a function that never finishes cannot keep the loop going */
  public ScavengerLoop(Emulator emulator, String function, int maxInvocations) {
    this.emulator = emulator;
    this.function = function;
    this.maxInvocations = maxInvocations;
  }

  /**
   * Runs to the end.
   *
   * @param event the settings every invocation gets; {@code resume} is added from the second one on
   * @param onStep told of each invocation as it ends
   * @throws IllegalStateException when an invocation fails, or the function is not done after the bound
   */
  public Outcome run(Map<String, Object> event, Consumer<Step> onStep) throws InterruptedException {
    long start = System.nanoTime();
    List<Step> steps = new ArrayList<>();
    Object resume = null;
    while (steps.size() < maxInvocations) {
      Map<String, Object> next = new LinkedHashMap<>(event);
      if (resume != null) next.put("resume", resume);
      InvokeResult result = emulator.invoke(function, bytes(next));
      Report report = result.awaitLog().report();
      if (result.failed()) {
        throw new IllegalStateException(function + " failed on invocation " + (steps.size() + 1) + ": "
            + result.payloadText());
      }
      Step step = new Step(steps.size() + 1, parse(result.payload()), report, result.coldStart());
      steps.add(step);
      onStep.accept(step);
      if (step.done()) return new Outcome(steps, Duration.ofNanos(System.nanoTime() - start));
      resume = step.response().get("resume");
    }
    throw new IllegalStateException(function + " was not done after " + maxInvocations + " invocations");
  }

  private static byte[] bytes(Map<String, Object> event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> parse(byte[] payload) {
    try {
      return JSON.readValue(payload, OBJECT);
    } catch (IOException e) {
      throw new UncheckedIOException("the scavenger's response is not a JSON object", e);
    }
  }
}
