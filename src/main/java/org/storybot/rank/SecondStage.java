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
            "cross_encoder_rank"));
    NAMES = List.copyOf(names);
  }

  private SecondStage() {}

  /**
   * Rows for the candidates at {@code top} (indexes into {@code features}, best first by the first
   * stage), whose first-stage scores are {@code first} and cross-encoder logits {@code logits}
   * (both in the order of {@code top}).
   */
  static float[][] rows(float[][] features, int[] top, float[] first, float[] logits) {
    int n = top.length;
    float bestCe = Float.NEGATIVE_INFINITY, secondCe = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      if (l > bestCe) {
        secondCe = bestCe;
        bestCe = l;
      } else if (l > secondCe) secondCe = l;
    }
    if (n < 2) secondCe = bestCe;
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
      int rank = 0;
      for (float l : logits) if (l > logits[i]) rank++;
      row[base + 6] = rank;
    }
    return rows;
  }
}
