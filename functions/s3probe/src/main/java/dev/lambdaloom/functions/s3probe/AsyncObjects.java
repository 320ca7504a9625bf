package dev.lambdaloom.functions.s3probe;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Lists and reads one bucket's objects with an asynchronous client (Netty or CRT). A body is taken one buffer at a
 * time (demand 1, renewed after each buffer is searched), so a read in flight holds the client's buffer, never the
 * object. Completion, failure and the per-request timeout all end in one {@link ObjectOutcome}.
 */
final class AsyncObjects {
  private final S3AsyncClient s3;
  private final String bucket;
  private final byte[] find;
  private final Duration requestTimeout;

  AsyncObjects(S3AsyncClient s3, ProbeRequest request) {
    this.s3 = s3;
    this.bucket = request.bucket();
    this.find = request.find();
    this.requestTimeout = request.requestTimeout();
  }

  /** Every object under {@code prefix}, all pages; more than {@code maxObjects} is an error. */
  List<ListedObject> list(String prefix, int maxObjects, Duration patience) throws InterruptedException {
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
        .overrideConfiguration(o -> o.apiCallTimeout(requestTimeout)).build();
    List<ListedObject> objects = new ArrayList<>(); // filled on the client's threads, read after the future ends
    CompletableFuture<Void> listed = s3.listObjectsV2Paginator(request).contents().limit(maxObjects + 1)
        .subscribe(o -> {
          synchronized (objects) {
            objects.add(new ListedObject(o.key(), o.size()));
          }
        });
    try {
      listed.get(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw Listing.failed(bucket, prefix, e.getCause());
    } catch (TimeoutException e) {
      listed.cancel(true);
      throw Listing.failed(bucket, prefix, e);
    } catch (InterruptedException e) {
      listed.cancel(true);
      throw e;
    }
    synchronized (objects) {
      return Listing.checkCount(List.copyOf(objects), bucket, prefix, maxObjects);
    }
  }

  /** One object's read; the future always completes normally, within the request timeout. */
  ObjectRead read(String key) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
    MatchCounter counter = new MatchCounter(find);
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    CompletableFuture<ObjectOutcome> outcome = new CompletableFuture<>();
    long start = System.nanoTime();
    CompletableFuture<ResponsePublisher<GetObjectResponse>> response =
        s3.getObject(request, AsyncResponseTransformer.toPublisher());
    response.whenComplete((publisher, failure) -> {
      if (failure != null) {
        outcome.complete(failed(key, failure));
        return;
      }
      publisher.subscribe(new Subscriber<ByteBuffer>() {
        @Override
        public void onSubscribe(Subscription s) {
          subscription.set(s);
          s.request(1);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
          counter.feed(buffer); // the publisher delivers one buffer at a time, in order
          subscription.get().request(1);
        }

        @Override
        public void onError(Throwable t) {
          outcome.complete(failed(key, t));
        }

        @Override
        public void onComplete() {
          outcome.complete(new ObjectOutcome.Read(key, counter.bytes(), counter.matches(), System.nanoTime() - start));
        }
      });
    });
    CompletableFuture<ObjectOutcome> bounded = outcome
        .completeOnTimeout(new ObjectOutcome.Failed(key, FailureNames.TIMEOUT, "no whole body within "
            + requestTimeout.toMillis() + " ms"), requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
    bounded.whenComplete((done, ignored) -> {
      if (!(done instanceof ObjectOutcome.Read)) stop(response, subscription);
    });
    return new ObjectRead(key, bounded, () -> {
      outcome.complete(new ObjectOutcome.Cut(key));
      stop(response, subscription);
    });
  }

  private static void stop(CompletableFuture<?> response, AtomicReference<Subscription> subscription) {
    response.cancel(true);
    Subscription s = subscription.get();
    if (s != null) s.cancel();
  }

  private static ObjectOutcome failed(String key, Throwable failure) {
    return new ObjectOutcome.Failed(key, FailureNames.ofGet(failure), FailureNames.message(failure));
  }

  /**
   * A read in flight: {@code outcome} completes exactly once (read, failed, timed out, or cut by {@code cut});
   * {@code cut} ends it as {@link ObjectOutcome.Cut} if it has not ended yet, and releases its connection.
   */
  record ObjectRead(String key, CompletableFuture<ObjectOutcome> outcome, Runnable cut) {}
}
