package org.storybot.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A held-out question after the first stage and the cross-encoder: the second stage's rows for its
 * best {@value SecondStage#DEPTH} candidates, and which of them answer it.
 *
 * @param top indexes into the group's candidates, best first by the first stage
 * @param first the first stage's scores of every candidate
 * @param logits the cross-encoder's logit for each of {@code top}
 * @param rows the second stage's features for each of {@code top}
 */
record Staged(Group group, int[] top, float[] first, float[] logits, float[][] rows)
    implements java.io.Serializable {
  static Staged of(Group group, Trees firstStage, CrossEncoder crossEncoder) {
    float[] first = Training.predict(firstStage, group.features());
    return scored(group, Scores.top(first, SecondStage.DEPTH), first, crossEncoder);
  }

  /** The same question scored by another cross-encoder (for a training log kept across models). */
  Staged rescored(CrossEncoder crossEncoder) {
    return scored(group, top, first, crossEncoder);
  }

  private static Staged scored(Group group, int[] top, float[] first, CrossEncoder crossEncoder) {
    float[] topFirst = new float[top.length];
    List<String> texts = new ArrayList<>(top.length);
    for (int i = 0; i < top.length; i++) {
      topFirst[i] = first[top[i]];
      texts.add(group.texts().get(top[i]));
    }
    float[] logits = crossEncoder.score(group.question(), texts);
    return new Staged(
        group, top, first, logits, SecondStage.rows(group.features(), top, topFirst, logits));
  }

  Staged truncated() {
    if (top.length <= SecondStage.DEPTH) return this;
    int[] t = Arrays.copyOf(top, SecondStage.DEPTH);
    float[] l = Arrays.copyOf(logits, t.length);
    float[] f = new float[t.length];
    for (int i = 0; i < t.length; i++) f[i] = first[t[i]];
    return new Staged(group, t, first, l, SecondStage.rows(group.features(), t, f, l));
  }

  float[] labels() {
    float[] y = new float[top.length];
    for (int i = 0; i < top.length; i++) y[i] = group.gold()[top[i]] ? 1 : 0;
    return y;
  }

  boolean goldInTop() {
    for (int i : top) if (group.gold()[i]) return true;
    return false;
  }

  List<String> topArticles() {
    List<String> out = new ArrayList<>(top.length);
    for (int i : top) out.add(group.articles().get(i));
    return out;
  }

  /**
   * Every candidate's score when {@code second} orders the top: the top first, in that order, then
   * the rest as the first stage placed them.
   */
  float[] combined(float[] second) {
    float[] out = new float[first.length];
    float floor = Float.POSITIVE_INFINITY;
    for (float f : first) floor = Math.min(floor, f);
    float min = Float.POSITIVE_INFINITY;
    for (float s : second) min = Math.min(min, s);
    for (int i = 0; i < out.length; i++) out[i] = first[i] - floor; // >= 0
    float lift = 0;
    for (float f : out) lift = Math.max(lift, f);
    for (int i = 0; i < top.length; i++) out[top[i]] = lift + 1 + (second[i] - min);
    return out;
  }

  /** Index into {@link #top} of the best by {@code second}. */
  static int best(float[] second) {
    int best = 0;
    for (int i = 1; i < second.length; i++) if (second[i] > second[best]) best = i;
    return best;
  }
}
