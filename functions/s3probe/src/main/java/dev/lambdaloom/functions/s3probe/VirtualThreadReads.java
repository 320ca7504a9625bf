package dev.lambdaloom.functions.s3probe;

import dev.lambdaloom.core.FanOut;
import dev.lambdaloom.core.TaskResult;
import java.util.List;

/**
 * The synchronous client on virtual threads, through the core kit's {@link FanOut}: one virtual thread per object,
 * at most {@code concurrency} at a time, every thread joined before it returns. A blocking GET parks its virtual
 * thread and frees the carrier, so a few carriers keep hundreds of GETs in flight.
 */
final class VirtualThreadReads {
  private VirtualThreadReads() {}

  static void run(SyncObjects s3, List<ListedObject> objects, RunLimits limits, ProbeTally tally)
      throws InterruptedException {
    FanOut fanOut = FanOut.maxInFlight(limits.concurrency()).stopDispatchAt(limits.stopStartingAt())
        .interruptAt(limits.cutAt());
    fanOut.stream(objects, (ListedObject object) -> s3.read(object.key()),
        (TaskResult<ListedObject, ObjectOutcome> result) -> tally.add(switch (result) {
          case TaskResult.Success<ListedObject, ObjectOutcome> s -> s.value();
          case TaskResult.Failure<ListedObject, ObjectOutcome> f -> new ObjectOutcome.Failed(f.input().key(),
              FailureNames.ofGet(f.failure()), FailureNames.message(f.failure()));
          case TaskResult.Cancelled<ListedObject, ObjectOutcome> c -> new ObjectOutcome.Cut(c.input().key());
        }));
  }
}
