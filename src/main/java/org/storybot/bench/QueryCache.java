package org.storybot.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.storybot.index.Embedder;

/**
 * An embedder that remembers question vectors, so quality runs can search one question in three
 * modes while embedding it once, and embed all questions in batches up front. Never used for
 * timing. Thread-safe.
 */
final class QueryCache implements Embedder {
  private static final int BATCH = 64;

  private final Embedder delegate;
  private final Map<String, float[]> questions = new ConcurrentHashMap<>();

  QueryCache(Embedder delegate) {
    this.delegate = delegate;
  }

  /** Embeds every question not yet known, in batches. */
  void preload(List<String> texts) {
    List<String> missing =
        texts.stream().distinct().filter(t -> !questions.containsKey(t)).toList();
    for (int i = 0; i < missing.size(); i += BATCH) {
      List<String> batch = missing.subList(i, Math.min(missing.size(), i + BATCH));
      List<float[]> vectors = delegate.embedAll(batch);
      for (int j = 0; j < batch.size(); j++) questions.put(batch.get(j), vectors.get(j));
    }
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    return delegate.embedAll(texts);
  }

  @Override
  public float[] embedQuery(String question) {
    float[] v = questions.get(question);
    return v != null ? v : delegate.embedQuery(question);
  }

  /** For tests of the cache itself: how many questions are held. */
  int size() {
    return questions.size();
  }
}
