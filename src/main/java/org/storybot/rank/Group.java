package org.storybot.rank;

import java.util.List;

/**
 * One question as logged for training: its candidates' features (computed by {@link Features}, the
 * code that serves) and which candidates answer it.
 *
 * @param source which index the question was asked of (e.g. {@code squad1}, {@code news+squad1})
 * @param answerable whether its index holds an answer
 * @param texts each candidate's sentence
 * @param articles each candidate's article id
 */
record Group(
    String id,
    String source,
    int fold,
    int part,
    boolean answerable,
    String question,
    List<String> texts,
    List<String> articles,
    float[][] features,
    boolean[] gold)
    implements java.io.Serializable {

  boolean hasGold() {
    for (boolean g : gold) if (g) return true;
    return false;
  }

  float[] labels() {
    float[] y = new float[gold.length];
    for (int i = 0; i < y.length; i++) y[i] = gold[i] ? 1 : 0;
    return y;
  }
}
