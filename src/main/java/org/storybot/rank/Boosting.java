package org.storybot.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Learns gradient-boosted trees with XGBoost: LambdaMART for ranking, logistic regression for the
 * abstention model. Seeded and single-threaded per tree build order, so a run repeats exactly.
 * Returns XGBoost's JSON model, which {@link Trees} evaluates.
 *
 * <p>Each model is the average of boosters that differ only in their seed (the rows and features
 * each tree samples): one seed's model moved the dev set's first citations by up to five of 44
 * against another's, with the same held-out figures. The first stage, which only narrows the
 * candidates, averages {@value #BAG}; the second stage and the abstention model, which decide what
 * the user reads, average {@value #FINAL_BAG} (with 5, three seeds' abstention models put the dev
 * set at 28, 30 and 28 of 44 right). The average is saved as one XGBoost model whose leaves are
 * divided by the number of boosters, so XGBoost and {@link Trees} read it as any other.
 */
final class Boosting {
  static final long SEED = 20261129L;

  /** Boosters averaged per first-stage model, seeded {@code SEED}, {@code SEED + 1}, ... */
  static final int BAG = 5;

  /** Boosters averaged per second-stage and abstention model. */
  static final int FINAL_BAG = 15;

  private Boosting() {}

  /**
   * A LambdaMART ranker over groups of rows (one group per question), labels 1 = answer: the
   * average of {@code boosters} seeds.
   */
  static byte[] rank(
      List<float[][]> groups, List<float[]> labels, List<String> names, int rounds, int boosters) {
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
    return bagged(
        boosters,
        seed -> {
          Map<String, Object> p = new HashMap<>(params);
          p.put("seed", seed);
          return train(data, y.length, y, null, sizes, names, p, rounds);
        });
  }

  /**
   * A probability that a row's label is 1, each row counting {@code weights[i]} times: the average
   * of {@code boosters} seeds.
   */
  static byte[] classify(
      float[][] rows,
      float[] labels,
      float[] weights,
      List<String> names,
      int rounds,
      int boosters) {
    return bagged(boosters, seed -> classifyOne(rows, labels, weights, names, rounds, seed));
  }

  /** One booster of {@link #classify}, with the given seed. */
  static byte[] classifyOne(
      float[][] rows, float[] labels, float[] weights, List<String> names, int rounds, long seed) {
    float[] data = new float[rows.length * names.size()];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * names.size(), names.size());
    }
    Map<String, Object> params = params();
    params.put("objective", "binary:logistic");
    params.put("eval_metric", "logloss");
    params.put("max_depth", 4);
    params.put("seed", seed);
    return train(data, rows.length, labels, weights, null, names, params, rounds);
  }

  /** Trains one booster per seed and averages them. */
  private static byte[] bagged(int boosters, LongFunction<byte[]> booster) {
    List<byte[]> models = new ArrayList<>();
    for (int i = 0; i < boosters; i++) models.add(booster.apply(SEED + i));
    return average(models);
  }

  /**
   * One XGBoost JSON model predicting the mean margin of {@code models}: their trees one after
   * another, each leaf divided by their number. They must share objective, features and base score.
   */
  static byte[] average(List<byte[]> models) {
    ObjectMapper json = new ObjectMapper();
    try {
      ObjectNode out = (ObjectNode) json.readTree(models.get(0));
      JsonNode learner = out.path("learner");
      ArrayNode trees = json.createArrayNode();
      float scale = 1f / models.size();
      for (byte[] bytes : models) {
        JsonNode m = json.readTree(bytes).path("learner");
        for (String same : List.of("objective", "feature_names", "learner_model_param")) {
          if (!m.path(same).equals(learner.path(same))) {
            throw new IllegalStateException("boosters to average differ in " + same);
          }
        }
        for (JsonNode t : m.path("gradient_booster").path("model").path("trees")) {
          ObjectNode tree = (ObjectNode) t.deepCopy();
          tree.put("id", trees.size());
          ArrayNode left = (ArrayNode) tree.get("left_children");
          ArrayNode leafValues = (ArrayNode) tree.get("split_conditions");
          ArrayNode weights = (ArrayNode) tree.get("base_weights");
          for (int n = 0; n < left.size(); n++) {
            if (left.get(n).asInt() >= 0) continue;
            leafValues.set(n, leafValues.numberNode(leafValues.get(n).floatValue() * scale));
            weights.set(n, weights.numberNode(weights.get(n).floatValue() * scale));
          }
          trees.add(tree);
        }
      }
      ObjectNode model = (ObjectNode) out.path("learner").path("gradient_booster").path("model");
      model.set("trees", trees);
      ((ObjectNode) model.get("gbtree_model_param")).put("num_trees", String.valueOf(trees.size()));
      ArrayNode info = model.putArray("tree_info");
      ArrayNode indptr = model.putArray("iteration_indptr");
      indptr.add(0);
      for (int i = 0; i < trees.size(); i++) {
        info.add(0);
        indptr.add(i + 1);
      }
      return json.writeValueAsBytes(out);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("XGBoost wrote a model that is not JSON", e);
    }
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
