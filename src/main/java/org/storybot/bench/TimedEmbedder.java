package org.storybot.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.storybot.index.Embedder;

/** An embedder that adds up the time spent embedding, to split index build time. Thread-safe. */
final class TimedEmbedder implements Embedder {
  private final Embedder delegate;
  private final AtomicLong nanos = new AtomicLong();

  TimedEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  /** Seconds spent inside the model so far. */
  double seconds() {
    return nanos.get() / 1e9;
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    long t = System.nanoTime();
    try {
      return delegate.embedAll(texts);
    } finally {
      nanos.addAndGet(System.nanoTime() - t);
    }
  }

  @Override
  public float[] embedQuery(String question) {
    long t = System.nanoTime();
    try {
      return delegate.embedQuery(question);
    } finally {
      nanos.addAndGet(System.nanoTime() - t);
    }
  }
}
