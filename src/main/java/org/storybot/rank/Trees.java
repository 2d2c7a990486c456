package org.storybot.rank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
   * Reads XGBoost's JSON model, as it streams by: only the five arrays a tree walks with are kept,
   * and no document is built (a document of the second stage's 19 MB took most of a second).
   *
   * @throws ModelException when the bytes are not such a model, or its feature names differ from
   *     {@code features}
   */
  static Trees read(String name, byte[] json, List<String> features) {
    Model model = new Model();
    try (JsonParser in = JSON.createParser(gunzipped(json))) {
      if (in.nextToken() == JsonToken.START_OBJECT) model.read(in, "");
    } catch (IOException e) {
      throw new ModelException(name, "is not an XGBoost model in JSON", e);
    }
    List<String> names = model.features;
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
    String objective = model.objective;
    boolean logistic = objective.equals("binary:logistic");
    if (!logistic && !objective.startsWith("rank:")) {
      throw new ModelException(
          name, "has objective " + objective + ", not ranking or logistic", null);
    }
    float base = parseBase(model.baseScore);
    float margin = logistic ? (float) Math.log(base / (1 - base)) : base;
    if (model.trees.isEmpty()) throw new ModelException(name, "holds no trees", null);
    return new Trees(model.trees, margin, logistic);
  }

  private static final JsonFactory JSON = new JsonFactory();

  /** What {@link #read} keeps of XGBoost's JSON model. */
  private static final class Model {
    final List<String> features = new ArrayList<>();
    String objective = "";
    String baseScore = "0";
    final List<Tree> trees = new ArrayList<>();

    /** Reads the object {@code in} has just opened, at {@code path} ("/learner/objective"). */
    void read(JsonParser in, String path) throws IOException {
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = path + "/" + in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case "/learner/feature_names" -> {
            array(in, field);
            while (in.nextToken() == JsonToken.VALUE_STRING) features.add(in.getText());
          }
          case "/learner/objective/name" -> objective = in.getText();
          case "/learner/learner_model_param/base_score" -> baseScore = in.getText();
          case "/learner/gradient_booster/model/trees" -> {
            array(in, field);
            while (in.nextToken() == JsonToken.START_OBJECT) trees.add(tree(in));
          }
          default -> {
            if (value == JsonToken.START_OBJECT) read(in, field);
            else in.skipChildren();
          }
        }
      }
    }

    private static Tree tree(JsonParser in) throws IOException {
      int[] left = null, right = null, feature = null;
      float[] threshold = null;
      boolean[] defaultLeft = null;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "left_children" -> left = ints(in, field);
          case "right_children" -> right = ints(in, field);
          case "split_indices" -> feature = ints(in, field);
          case "split_conditions" -> threshold = floats(in, field);
          case "default_left" -> defaultLeft = bools(in, field);
          default -> in.skipChildren();
        }
      }
      if (left == null || right == null || feature == null || threshold == null) {
        throw new IOException("a tree without its children, splits or conditions");
      }
      return new Tree(
          left,
          right,
          feature,
          threshold,
          defaultLeft == null ? new boolean[left.length] : defaultLeft);
    }
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

  /** Refuses a value that should be an array and is not, before its items are read. */
  private static void array(JsonParser in, String field) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw new IOException(field + " is " + in.currentToken() + ", not an array");
    }
  }

  /** The numbers of the array {@code field} that {@code in} has just opened. */
  private static int[] ints(JsonParser in, String field) throws IOException {
    array(in, field);
    int[] out = new int[16];
    int n = 0;
    while (in.nextToken() != JsonToken.END_ARRAY) {
      if (n == out.length) out = Arrays.copyOf(out, 2 * n);
      out[n++] = in.getIntValue();
    }
    return Arrays.copyOf(out, n);
  }

  private static float[] floats(JsonParser in, String field) throws IOException {
    array(in, field);
    float[] out = new float[16];
    int n = 0;
    while (in.nextToken() != JsonToken.END_ARRAY) {
      if (n == out.length) out = Arrays.copyOf(out, 2 * n);
      out[n++] = (float) in.getDoubleValue();
    }
    return Arrays.copyOf(out, n);
  }

  /** XGBoost writes default_left as 0 and 1; true and false are read too. */
  private static boolean[] bools(JsonParser in, String field) throws IOException {
    array(in, field);
    boolean[] out = new boolean[16];
    int n = 0;
    for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken()) {
      if (n == out.length) out = Arrays.copyOf(out, 2 * n);
      out[n++] = t == JsonToken.VALUE_TRUE || (t.isNumeric() && in.getIntValue() != 0);
    }
    return Arrays.copyOf(out, n);
  }
}
