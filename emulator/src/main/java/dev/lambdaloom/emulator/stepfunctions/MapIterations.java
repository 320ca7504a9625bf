package dev.lambdaloom.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Map state's iterations, each on a virtual thread, at most MaxConcurrency at once. An inline Map stops starting
 * iterations at the first failure and fails with it; a distributed one tolerates failures up to its
 * ToleratedFailureCount / ToleratedFailurePercentage (either one exceeded fails it, with
 * States.ExceedToleratedFailureThreshold), and a failed item's place in the result holds its {@code {"Error",
 * "Cause"}} (on AWS a ResultWriter would keep them). One instance per Map run.
 */
final class MapIterations {
  @FunctionalInterface
  interface Iteration {
    JsonNode run(int index, JsonNode input) throws StateFailure, InterruptedException;
  }

  private final State.Map map;
  private final List<JsonNode> inputs;
  private final Iteration iteration;
  private final JsonNode[] outputs;
  private final SortedMap<Integer, StateFailure> failures = new TreeMap<>();
  private final AtomicReference<StateFailure> first = new AtomicReference<>();
  private final AtomicBoolean stop = new AtomicBoolean();

  MapIterations(State.Map map, List<JsonNode> inputs, Iteration iteration) {
    this.map = map;
    this.inputs = List.copyOf(inputs);
    this.iteration = iteration;
    this.outputs = new JsonNode[inputs.size()];
  }

  ArrayNode run() throws InterruptedException {
    Semaphore slots = new Semaphore(map.maxConcurrency() == 0 ? Integer.MAX_VALUE : map.maxConcurrency());
    List<Future<?>> started = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      try {
        for (int i = 0; i < inputs.size() && !stop.get(); i++) {
          slots.acquire();
          if (stop.get()) {
            slots.release();
            break;
          }
          int index = i;
          started.add(threads.submit(() -> {
            try {
              outputs[index] = iteration.run(index, inputs.get(index));
            } catch (StateFailure failure) {
              failed(index, failure);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              slots.release();
            }
          }));
        }
      } catch (InterruptedException e) {
        started.forEach(f -> f.cancel(true));
        throw e;
      }
    }
    ArrayNode results = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < outputs.length; i++) {
      StateFailure failure = failures().get(i);
      if (failure != null) {
        ObjectNode error = results.addObject();
        error.put("Error", failure.error());
        error.put("Cause", failure.errorCause());
      } else {
        results.add(outputs[i] == null ? JsonNodeFactory.instance.nullNode() : outputs[i]);
      }
    }
    return results;
  }

  private void failed(int index, StateFailure failure) {
    synchronized (failures) {
      failures.put(index, failure);
      first.compareAndSet(null, failure);
      if (!tolerated(failures.size())) stop.set(true);
    }
  }

  private boolean tolerated(int failed) {
    if (!map.distributed()) return failed == 0;
    boolean count = map.toleratedFailureCount() >= 0;
    boolean percentage = map.toleratedFailurePercentage() >= 0;
    if (!count && !percentage) return failed == 0;
    return (!count || failed <= map.toleratedFailureCount())
        && (!percentage || failed * 100.0 / inputs.size() <= map.toleratedFailurePercentage());
  }

  /** The failures so far, by item index. */
  Map<Integer, StateFailure> failures() {
    synchronized (failures) {
      return new TreeMap<>(failures);
    }
  }

  /** Fails the Map when its failures are not tolerated. */
  void verdict() throws StateFailure {
    Map<Integer, StateFailure> failed = failures();
    if (tolerated(failed.size())) return;
    if (!map.distributed()) throw first.get();
    var firstFailed = failed.entrySet().iterator().next();
    throw new StateFailure(ErrorNames.TOLERATED_FAILURES_EXCEEDED, failed.size() + " of " + inputs.size()
        + " items failed (tolerated: " + (map.toleratedFailureCount() < 0 ? "" : map.toleratedFailureCount() + " items ")
        + (map.toleratedFailurePercentage() < 0 ? "" : map.toleratedFailurePercentage() + "% ") + "); item "
        + firstFailed.getKey() + ": " + firstFailed.getValue().error() + ": " + firstFailed.getValue().errorCause());
  }
}
