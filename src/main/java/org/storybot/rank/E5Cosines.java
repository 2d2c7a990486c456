package org.storybot.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.storybot.index.OnnxEmbedder;

/**
 * How close a question and each of a few sentences are under e5-small-v2: a second embedding model,
 * trained on other data than the index's MiniLM, so its errors on reworded questions differ. Read
 * only for the best {@value SecondStage#DEPTH} sentences of a question (the index's vectors stay
 * MiniLM's, so indexing costs nothing more). Thread-safe; {@link #close} frees the model.
 */
final class E5Cosines implements AutoCloseable {
  /** Sentences whose vectors are kept: a story's sentences come back question after question. */
  static final int CACHED = 16_384;

  private final OnnxEmbedder e5 = OnnxEmbedder.e5SmallV2();

  /**
   * Sentence text to vector, least recently used dropped first. Exact: each text is embedded alone.
   */
  private final Map<String, float[]> passages =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHED;
        }
      };

  /** The cosine of {@code question} and each sentence, in order. */
  float[] of(String question, List<String> sentences) {
    return of(List.of(question), List.of(sentences)).getFirst();
  }

  /**
   * {@link #of(String, List)} for many questions at once, on every core. Each text is embedded
   * alone: the int8 model quantizes each run's activations together, so a text embedded in a batch
   * moves by up to 0.02 in cosine with its batch, as much as the top sentences differ by; alone,
   * training and serving see the same cosines.
   */
  List<float[]> of(List<String> questions, List<List<String>> sentences) {
    List<String> texts = new ArrayList<>();
    for (int q = 0; q < questions.size(); q++) {
      texts.add("query: " + questions.get(q));
      for (String s : sentences.get(q)) texts.add("passage: " + s);
    }
    List<float[]> vectors = texts.parallelStream().map(this::vector).toList();
    List<float[]> out = new ArrayList<>(questions.size());
    int at = 0;
    for (int q = 0; q < questions.size(); q++) {
      float[] question = vectors.get(at++);
      float[] cosines = new float[sentences.get(q).size()];
      for (int i = 0; i < cosines.length; i++) cosines[i] = dot(question, vectors.get(at++));
      out.add(cosines);
    }
    return out;
  }

  private float[] vector(String text) {
    if (text.startsWith("query: ")) return e5.embed(text);
    float[] v;
    synchronized (passages) {
      v = passages.get(text);
    }
    if (v != null) return v;
    v = e5.embed(text);
    synchronized (passages) {
      passages.put(text, v);
    }
    return v;
  }

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }

  @Override
  public void close() {
    e5.close();
  }
}
