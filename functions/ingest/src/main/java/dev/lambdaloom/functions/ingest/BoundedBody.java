package dev.lambdaloom.functions.ingest;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit. Past it, the rest is not read: the body completes with
 * its head and {@code truncated}, so an oversized document is refused (and kept, as far as it went)
 * without holding megabytes per request.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {
  record Body(byte[] bytes, boolean truncated) {}

  private final int limit;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  BoundedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int room = limit - buffer.size();
      int take = Math.min(room, item.remaining());
      byte[] chunk = new byte[take];
      item.get(chunk);
      buffer.writeBytes(chunk);
      if (item.hasRemaining()) {
        result.complete(new Body(buffer.toByteArray(), true));
        subscription.cancel();
        return;
      }
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(buffer.toByteArray(), false));
  }
}
