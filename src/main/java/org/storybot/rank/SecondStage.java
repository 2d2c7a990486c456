package org.storybot.rank;

import java.util.ArrayList;
import java.util.List;

/**
 * The second stage's features: every first-stage feature of a candidate among the first stage's
 * best {@link #DEPTH}, plus the first stage's verdict and the cross-encoder's. Shared by serving
 * and training.
 */
final class SecondStage {
  /**
   * How many of the first stage's best candidates the cross-encoder reads: its cost is most of an
   * answer's, and on the held-out fold 4 did as well as 8 (P@1 0.823 against 0.821).
   */
  static final int DEPTH = 4;

  static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(Features.NAMES);
    names.addAll(
        List.of(
            "first_stage",
            "first_stage_minus_best",
            "first_stage_rank",
            "cross_encoder",
            "cross_encoder_minus_best",
            "cross_encoder_minus_second",
            "cross_encoder_rank",
            "e5_cosine",
            "e5_minus_best",
            "e5_rank"));
    NAMES = List.copyOf(names);
  }

  private SecondStage() {}

  /**
   * Rows for the candidates at {@code top} (indexes into {@code features}, best first by the first
   * stage), whose first-stage scores are {@code first}, cross-encoder logits {@code logits} and e5
   * cosines {@code e5} (all in the order of {@code top}).
   */
  static float[][] rows(float[][] features, int[] top, float[] first, float[] logits, float[] e5) {
    int n = top.length;
    float bestCe = Float.NEGATIVE_INFINITY, secondCe = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      if (l > bestCe) {
        secondCe = bestCe;
        bestCe = l;
      } else if (l > secondCe) secondCe = l;
    }
    if (n < 2) secondCe = bestCe;
    float bestE5 = Float.NEGATIVE_INFINITY;
    for (float c : e5) bestE5 = Math.max(bestE5, c);
    float[][] rows = new float[n][NAMES.size()];
    int base = Features.NAMES.size();
    for (int i = 0; i < n; i++) {
      float[] row = rows[i];
      System.arraycopy(features[top[i]], 0, row, 0, base);
      row[base] = first[i];
      row[base + 1] = first[i] - first[0];
      row[base + 2] = i;
      row[base + 3] = logits[i];
      row[base + 4] = logits[i] - bestCe;
      row[base + 5] = logits[i] - secondCe;
      row[base + 6] = rank(logits, i);
      row[base + 7] = e5[i];
      row[base + 8] = e5[i] - bestE5;
      row[base + 9] = rank(e5, i);
    }
    return rows;
  }

  /** How many of {@code scores} beat {@code scores[i]}. */
  private static int rank(float[] scores, int i) {
    int rank = 0;
    for (float s : scores) if (s > scores[i]) rank++;
    return rank;
  }
}
