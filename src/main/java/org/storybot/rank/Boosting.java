package org.storybot.rank;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Learns gradient-boosted trees with XGBoost: LambdaMART for ranking, logistic regression for the
 * abstention model. Seeded and single-threaded per tree build order, so a run repeats exactly.
 * Returns XGBoost's JSON model, which {@link Trees} evaluates.
 */
final class Boosting {
  static final long SEED = 20261129L;

  private Boosting() {}

  /** A LambdaMART ranker over groups of rows (one group per question), labels 1 = answer. */
  static byte[] rank(List<float[][]> groups, List<float[]> labels, List<String> names, int rounds) {
    int rows = 0;
    for (float[][] g : groups) rows += g.length;
    float[] data = new float[rows * names.size()];
    float[] y = new float[rows];
    int[] sizes = new int[groups.size()];
    int r = 0;
    for (int g = 0; g < groups.size(); g++) {
      sizes[g] = groups.get(g).length;
      for (int i = 0; i < sizes[g]; i++, r++) {
        System.arraycopy(groups.get(g)[i], 0, data, r * names.size(), names.size());
        y[r] = labels.get(g)[i];
      }
    }
    Map<String, Object> params = params();
    params.put("objective", "rank:ndcg");
    params.put("eval_metric", "ndcg@1");
    params.put("lambdarank_pair_method", "topk");
    params.put("lambdarank_num_pair_per_sample", 16);
    return train(data, rows, y, null, sizes, names, params, rounds);
  }

  /** A probability that a row's label is 1; each row counts {@code weights[i]} times. */
  static byte[] classify(
      float[][] rows, float[] labels, float[] weights, List<String> names, int rounds) {
    float[] data = new float[rows.length * names.size()];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * names.size(), names.size());
    }
    Map<String, Object> params = params();
    params.put("objective", "binary:logistic");
    params.put("eval_metric", "logloss");
    params.put("max_depth", 4);
    return train(data, rows.length, labels, weights, null, names, params, rounds);
  }

  private static Map<String, Object> params() {
    Map<String, Object> p = new HashMap<>();
    p.put("eta", 0.05);
    p.put("max_depth", 6);
    p.put("min_child_weight", 5);
    p.put("subsample", 0.8);
    p.put("colsample_bytree", 0.8);
    p.put("tree_method", "hist");
    p.put("seed", SEED);
    p.put(
        "nthread", 1); // OpenMP threads spin when the cores are busy: one is faster here, and exact
    p.put("verbosity", 0);
    return p;
  }

  private static byte[] train(
      float[] data,
      int rows,
      float[] labels,
      float[] weights,
      int[] groups,
      List<String> names,
      Map<String, Object> params,
      int rounds) {
    try {
      DMatrix m = new DMatrix(data, rows, names.size(), Float.NaN);
      try {
        m.setLabel(labels);
        if (weights != null) m.setWeight(weights);
        if (groups != null) m.setGroup(groups);
        m.setFeatureNames(names.toArray(String[]::new));
        Booster b = XGBoost.train(m, params, rounds, new HashMap<>(), null, null);
        try {
          return b.toByteArray("json");
        } finally {
          b.dispose();
        }
      } finally {
        m.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not train: " + e.getMessage(), e);
    }
  }
}
