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
 * @param e5 e5-small-v2's cosine of the question and each of {@code top} ({@link E5Cosines}); null
 *     (and {@code rows} too) until {@link #withE5} fills it, as in logs written before it was read
 */
record Staged(Group group, int[] top, float[] first, float[] logits, float[][] rows, float[] e5)
    implements java.io.Serializable {
  /**
   * The question after the first stage and the cross-encoder; e5's cosines come by {@link #withE5}.
   */
  static Staged of(Group group, Trees firstStage, CrossEncoder crossEncoder) {
    float[] first = Training.predict(firstStage, group.features());
    int[] top = Scores.top(first, SecondStage.DEPTH);
    return build(group, top, first, crossEncoder.score(group.question(), texts(group, top)), null);
  }

  /** The same question scored by another cross-encoder (for a training log kept across models). */
  Staged rescored(CrossEncoder crossEncoder) {
    return build(group, top, first, crossEncoder.score(group.question(), topTexts()), e5);
  }

  /** The same question with e5's cosines of its top sentences. */
  Staged withE5(float[] cosines) {
    return build(group, top, first, logits, cosines);
  }

  List<String> topTexts() {
    return texts(group, top);
  }

  private static List<String> texts(Group group, int[] top) {
    List<String> texts = new ArrayList<>(top.length);
    for (int i : top) texts.add(group.texts().get(i));
    return texts;
  }

  private static Staged build(Group group, int[] top, float[] first, float[] logits, float[] e5) {
    float[] topFirst = new float[top.length];
    for (int i = 0; i < top.length; i++) topFirst[i] = first[top[i]];
    float[][] rows =
        e5 == null ? null : SecondStage.rows(group.features(), top, topFirst, logits, e5);
    return new Staged(group, top, first, logits, rows, e5);
  }

  Staged truncated() {
    if (top.length <= SecondStage.DEPTH) return this;
    int[] t = Arrays.copyOf(top, SecondStage.DEPTH);
    return build(
        group,
        t,
        first,
        Arrays.copyOf(logits, t.length),
        e5 == null ? null : Arrays.copyOf(e5, t.length));
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
