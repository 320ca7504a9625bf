package dev.lambdaloom.bench.streams;

import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.FanOutResult;
import dev.lambdaloom.core.TaskResult;
import java.util.List;

/**
 * One task per input, all running at once on core's {@link FanOut} (virtual threads, every one joined before it
 * returns); the first failure stops the others and is thrown with its cause: a benchmark figure from half its work
 * would be wrong.
 */
final class AllAtOnce {
  private AllAtOnce() {}

  /** The tasks' results, in the order they ended. */
  static <I, R> List<R> run(String what, List<I> inputs, FanOut.Task<? super I, ? extends R> task)
      throws InterruptedException {
    FanOutResult<I, R> result = FanOut.maxInFlight(Math.max(1, inputs.size())).failFast(true).run(inputs, task);
    if (!result.failures().isEmpty()) {
      TaskResult.Failure<I, R> first = result.failures().getFirst();
      throw new IllegalStateException(what + " failed (" + first.input() + "): " + first.failure().getMessage(),
          first.failure());
    }
    if (!result.cancelled().isEmpty()) {
      throw new IllegalStateException(what + ": " + result.cancelled().size() + " tasks were cancelled");
    }
    return result.successes().stream().map(TaskResult.Success::value).toList();
  }
}
