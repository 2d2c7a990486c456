package org.storybot.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.storybot.index.Candidate;
import org.storybot.index.Retrieved;

/**
 * Orders retrieved sentences by how well they answer the question, and says whether the best one
 * answers it at all. Three learned stages over the retrieved candidates: gradient-boosted trees
 * over {@link Features} rank them all; a cross-encoder reads the question with each of the best
 * {@value SecondStage#DEPTH}, and e5-small-v2 embeds them ({@link E5Cosines}); trees over all of it
 * re-rank those; a classifier over that list gives the probability that the best one answers the
 * question, which must reach the threshold chosen on held-out data.
 *
 * <p>Load it once per JVM (about a second: the cross-encoder and e5, each on a thread of its own)
 * and share it: thread-safe. {@link #close} frees the native model.
 */
public final class Ranker implements AutoCloseable {
  /**
   * A candidate as the ranker placed it.
   *
   * @param score the second stage's score; NaN below the candidates the cross-encoder read
   * @param crossEncoder the cross-encoder's logit; NaN when it did not read this candidate
   */
  public record Scored(Candidate candidate, float score, float crossEncoder) {}

  /**
   * The verdict on one question.
   *
   * @param best every candidate, best first: those the second stage ordered, then the rest in the
   *     first stage's order
   * @param confidence the probability that the first of {@code best} answers the question
   * @param answers whether {@code confidence} reaches the threshold
   */
  public record Ranking(List<Scored> best, float confidence, boolean answers) {
    public Ranking {
      best = List.copyOf(best);
    }
  }

  static final String FIRST = "first-stage.trees.gz";
  static final String SECOND = "second-stage.trees.gz";
  static final String CHECK = "abstention.trees.gz";
  static final String CROSS_ENCODER = "cross-encoder.onnx";
  static final String MANIFEST = "manifest.json";
  private static final String SHIPPED = "org/storybot/rank/";

  private final Trees first;
  private final Trees second;
  private final Trees check;
  private final CrossEncoder crossEncoder;
  private final PairEncoder pairs;
  private final E5Cosines e5;
  private final float threshold;

  private Ranker(
      Trees first, Trees second, Trees check, byte[] crossEncoder, E5Cosines e5, float threshold) {
    this.first = first;
    this.second = second;
    this.check = check;
    this.pairs = new PairEncoder();
    this.crossEncoder = new CrossEncoder(CROSS_ENCODER, crossEncoder, pairs, 1);
    this.e5 = e5;
    this.threshold = threshold;
  }

  /** The models shipped in the jar. */
  public static Ranker shipped() {
    return load(name -> resource(SHIPPED + name));
  }

  /** The models in {@code dir}, as {@code storybot train} writes them. */
  public static Ranker from(Path dir) {
    return load(
        name -> {
          Path file = dir.resolve(name);
          if (!Files.isRegularFile(file)) throw new ModelException(name, "is not in " + dir, null);
          return Files.readAllBytes(file);
        });
  }

  private interface Source {
    byte[] read(String name) throws IOException;
  }

  private static Ranker load(Source source) {
    // e5's ONNX set-up (most of a second) runs beside the trees' and the cross-encoder's
    FutureTask<E5Cosines> e5 = new FutureTask<>(E5Cosines::new);
    Thread.ofPlatform().daemon().name("storybot-e5").start(e5);
    try {
      JsonNode manifest = new ObjectMapper().readTree(source.read(MANIFEST));
      Trees first = Trees.read(FIRST, source.read(FIRST), Features.NAMES);
      Trees second = Trees.read(SECOND, source.read(SECOND), SecondStage.NAMES);
      Trees check = Trees.read(CHECK, source.read(CHECK), AnswerCheck.NAMES);
      byte[] crossEncoder = source.read(CROSS_ENCODER);
      float threshold = (float) manifest.path("threshold").asDouble(Double.NaN);
      return new Ranker(first, second, check, crossEncoder, loaded(e5), threshold);
    } catch (IOException | RuntimeException e) {
      closeWhenLoaded(e5, e);
      if (e instanceof RuntimeException r) throw r;
      throw new ModelException("set", "cannot be read", e);
    }
  }

  private static E5Cosines loaded(FutureTask<E5Cosines> e5) {
    try {
      return e5.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("e5-small-v2", "was not loaded: interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new ModelException("e5-small-v2", "cannot be loaded", e.getCause());
    }
  }

  /** Frees e5 once it has loaded, when the rest of the set failed; its own failure is noted. */
  private static void closeWhenLoaded(FutureTask<E5Cosines> e5, Exception failure) {
    try {
      loaded(e5).close();
    } catch (RuntimeException alsoFailed) {
      if (alsoFailed != failure) failure.addSuppressed(alsoFailed); // e5 may be what failed
    }
  }

  /** One of the shipped model files. */
  static byte[] shippedModel(String name) throws IOException {
    return resource(SHIPPED + name);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Ranker.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new ModelException(name, "is not on the class path", null);
      return in.readAllBytes();
    }
  }

  /** Ranks {@code retrieved}'s candidates and judges the best. */
  public Ranking rank(Retrieved retrieved) {
    List<Candidate> all = retrieved.candidates();
    if (all.isEmpty()) return new Ranking(List.of(), 0f, false);
    float[][] features = Features.of(retrieved);
    float[] firstScores = Training.predict(first, features);
    int[] top = Scores.top(firstScores, SecondStage.DEPTH);
    float[] topFirst = new float[top.length];
    List<String> texts = new ArrayList<>(top.length);
    List<String> articles = new ArrayList<>(top.length);
    for (int i = 0; i < top.length; i++) {
      topFirst[i] = firstScores[top[i]];
      texts.add(all.get(top[i]).sentence().text());
      articles.add(all.get(top[i]).sentence().articleId());
    }
    float[] logits = crossEncoder.score(retrieved.question(), texts);
    float[][] rows =
        SecondStage.rows(features, top, topFirst, logits, e5.of(retrieved.question(), texts));
    float[] scores = Training.predict(second, rows);
    int[] order = Scores.top(scores, scores.length);
    float confidence =
        check.predict(
            AnswerCheck.row(
                rows,
                scores,
                order[0],
                features,
                articles,
                retrieved.question(),
                texts.get(order[0])));
    List<Scored> best = new ArrayList<>(all.size());
    for (int i : order) best.add(new Scored(all.get(top[i]), scores[i], logits[i]));
    // Then the rest, as the first stage placed them (the cross-encoder did not read them).
    for (int i : Scores.top(firstScores, all.size())) {
      if (i >= 0 && !contains(top, i)) best.add(new Scored(all.get(i), Float.NaN, Float.NaN));
    }
    return new Ranking(best, confidence, confidence >= threshold);
  }

  private static boolean contains(int[] a, int x) {
    for (int v : a) if (v == x) return true;
    return false;
  }

  @Override
  public void close() {
    crossEncoder.close();
    pairs.close();
    e5.close();
  }
}
