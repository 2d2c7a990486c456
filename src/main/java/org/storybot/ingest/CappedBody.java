package org.storybot.ingest;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body up to a limit; beyond it, cancels the download and says so. */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Result> {
  /** The bytes read; {@code truncated} when the body was larger than the limit. */
  record Result(byte[] bytes, boolean truncated) {}

  private final long max;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBody(long max) {
    this.max = max;
  }

  @Override
  public CompletionStage<Result> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) return;
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + (long) buffer.remaining() > max) {
        subscription.cancel();
        result.complete(new Result(new byte[0], true));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(new Result(bytes.toByteArray(), false));
  }
}
