package dev.lambdaloom.functions.s3probe;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The probe's logic, the same in Lambda ({@link S3ProbeHandler}) and outside it ({@link S3ProbeMain}): list every
 * object under the prefix, read each one's body, count {@code find} in it. The listing fails the run
 * ({@link ProbeFailedException}); a failed GET is counted and named in the result.
 */
final class S3Probe {
  private final ProbeClients clients;
  private final Consumer<List<ListedObject>> afterListing;

  S3Probe(ProbeClients clients) {
    this(clients, objects -> {});
  }

  /** @param afterListing called between the listing and the first GET (tests change the bucket there) */
  S3Probe(ProbeClients clients, Consumer<List<ListedObject>> afterListing) {
    this.clients = clients;
    this.afterListing = afterListing;
  }

  ProbeResult run(ProbeRequest request, RunLimits limits) throws InterruptedException {
    long started = System.nanoTime();
    SyncObjects sync = request.client().asynchronous() ? null : new SyncObjects(clients.sync(request.requestTimeout()), request);
    AsyncObjects async = request.client().asynchronous()
        ? new AsyncObjects(clients.async(request.client()), request) : null;
    List<ListedObject> objects = async != null
        ? async.list(request.prefix(), request.maxObjects(), Duration.ofNanos(limits.cutAt().remainingNanos()))
        : sync.list(request.prefix(), request.maxObjects());
    long listed = System.nanoTime();
    afterListing.accept(objects);
    ProbeTally tally = new ProbeTally(objects.size());
    switch (request.client()) {
      case SYNC -> SequentialReads.run(sync, objects, limits, tally);
      case VIRTUAL_THREADS -> VirtualThreadReads.run(sync, objects, limits, tally);
      case PLATFORM_THREADS -> PlatformThreadReads.run(sync, objects, limits, tally, request.requestTimeout());
      case NETTY, CRT -> AsyncReads.run(async, objects, limits, tally);
    }
    long read = System.nanoTime();
    return new ProbeResult(request, objects.size(), objects.stream().mapToLong(ListedObject::size).sum(),
        (listed - started) / 1e6, (read - listed) / 1e6, tally.snapshot());
  }
}
