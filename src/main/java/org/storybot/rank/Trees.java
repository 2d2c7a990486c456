package org.storybot.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A gradient-boosted tree ensemble saved by XGBoost as JSON (gzipped or not), evaluated here: a few
 * hundred small trees walk in microseconds, with no native library to load. The file names the
 * features it was trained on; loading refuses a file whose names differ from the ones given.
 * Immutable and thread-safe.
 */
final class Trees {
  private final List<Tree> trees;
  private final float baseMargin;
  private final boolean logistic;

  private record Tree(
      int[] left, int[] right, int[] feature, float[] threshold, boolean[] defaultLeft) {
    float leaf(float[] row) {
      int node = 0;
      while (left[node] >= 0) {
        float x = row[feature[node]];
        boolean goLeft = Float.isNaN(x) ? defaultLeft[node] : x < threshold[node];
        node = goLeft ? left[node] : right[node];
      }
      return threshold[node];
    }
  }

  private Trees(List<Tree> trees, float baseMargin, boolean logistic) {
    this.trees = List.copyOf(trees);
    this.baseMargin = baseMargin;
    this.logistic = logistic;
  }

  /**
   * Reads XGBoost's JSON model.
   *
   * @throws ModelException when the bytes are not such a model, or its feature names differ from
   *     {@code features}
   */
  static Trees read(String name, byte[] json, List<String> features) {
    JsonNode learner;
    try {
      learner = new ObjectMapper().readTree(gunzipped(json)).path("learner");
    } catch (IOException e) {
      throw new ModelException(name, "is not JSON", e);
    }
    List<String> names = new ArrayList<>();
    learner.path("feature_names").forEach(n -> names.add(n.asText()));
    if (!names.equals(features)) {
      throw new ModelException(
          name,
          "was trained on features "
              + names
              + " but this build computes "
              + features
              + ": run storybot train",
          null);
    }
    String objective = learner.path("objective").path("name").asText();
    boolean logistic = objective.equals("binary:logistic");
    if (!logistic && !objective.startsWith("rank:")) {
      throw new ModelException(
          name, "has objective " + objective + ", not ranking or logistic", null);
    }
    float base = parseBase(learner.path("learner_model_param").path("base_score").asText("0"));
    float margin = logistic ? (float) Math.log(base / (1 - base)) : base;
    List<Tree> trees = new ArrayList<>();
    for (JsonNode t : learner.path("gradient_booster").path("model").path("trees")) {
      trees.add(
          new Tree(
              ints(t.get("left_children")),
              ints(t.get("right_children")),
              ints(t.get("split_indices")),
              floats(t.get("split_conditions")),
              bools(t.get("default_left"))));
    }
    if (trees.isEmpty()) throw new ModelException(name, "holds no trees", null);
    return new Trees(trees, margin, logistic);
  }

  /** The model's output for one row: a ranking score, or a probability for a logistic model. */
  float predict(float[] row) {
    float sum = baseMargin;
    for (Tree t : trees) sum += t.leaf(row);
    return logistic ? (float) (1 / (1 + Math.exp(-sum))) : sum;
  }

  /** The bytes, inflated when gzipped (models ship as {@code .json.gz}). */
  private static byte[] gunzipped(byte[] bytes) throws IOException {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) return bytes;
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static float parseBase(String text) {
    // XGBoost 3 writes a vector, "[5E-1]"; older versions a plain number.
    return Float.parseFloat(text.replace("[", "").replace("]", "").split(",")[0]);
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
    return out;
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
    return out;
  }

  private static boolean[] bools(JsonNode a) {
    boolean[] out = new boolean[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt() != 0;
    return out;
  }
}
