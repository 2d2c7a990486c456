package org.storybot.rank;

import java.util.List;

/** Ranking and abstention figures over logged questions. */
public final class Scores {
  /** P@1 and MRR over the answerable questions, and how many there were. */
  public record Ranking(int questions, double p1, double mrr) {
    @Override
    public String toString() {
      return String.format("P@1 %.3f  MRR %.3f  (%d questions)", p1, mrr, questions);
    }
  }

  private Scores() {}

  /** {@code scores.get(g)[i]} scores candidate i of group g; higher ranks first. */
  static Ranking ranking(List<Group> groups, List<float[]> scores) {
    int n = 0;
    double p1 = 0, mrr = 0;
    for (int g = 0; g < groups.size(); g++) {
      Group group = groups.get(g);
      if (!group.answerable()) continue;
      n++;
      float[] s = scores.get(g);
      int rank = Integer.MAX_VALUE;
      for (int i = 0; i < s.length; i++) {
        if (!group.gold()[i]) continue;
        int r = 1;
        for (int j = 0; j < s.length; j++) if (s[j] > s[i] || (s[j] == s[i] && j < i)) r++;
        rank = Math.min(rank, r);
      }
      if (rank == Integer.MAX_VALUE) continue;
      mrr += 1.0 / rank;
      if (rank == 1) p1++;
    }
    return new Ranking(n, n == 0 ? 0 : p1 / n, n == 0 ? 0 : mrr / n);
  }

  /** Indexes of the {@code k} highest scores, best first (ties: lower index first). */
  static int[] top(float[] scores, int k) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    int n = Math.min(k, order.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = order[i];
    return out;
  }
}
