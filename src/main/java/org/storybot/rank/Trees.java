package org.storybot.rank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A gradient-boosted tree ensemble trained by XGBoost, evaluated here: a few hundred small trees
 * walk in microseconds, with no native library to load. Read from XGBoost's JSON model or from the
 * compact form {@link #compact} writes (the five arrays each tree walks with, as XGBoost saved
 * them: what ships, since it loads in milliseconds where the JSON takes a second of a cold JVM);
 * either gzipped or not. The file names the features it was trained on; loading refuses a file
 * whose names differ from the ones given. Immutable and thread-safe.
 */
final class Trees {
  private final List<Tree> trees;
  private final float baseMargin;
  private final boolean logistic;
  private final List<String> features;

  /** The first bytes of the compact form, "SBT1"; XGBoost's JSON starts with '{'. */
  private static final int COMPACT = 0x53425431;

  /** A node's bytes in the compact form: three ints, a float and a boolean. */
  private static final int NODE_BYTES = 3 * Integer.BYTES + Float.BYTES + 1;

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

    /**
     * Why the walk could fail or loop, or null: a child that is not a later node of the same size
     * of tree, or a split on a feature the model does not have.
     */
    String fault(int features) {
      int n = left.length;
      if (right.length != n
          || feature.length != n
          || threshold.length != n
          || defaultLeft.length != n) {
        return "arrays of different lengths";
      }
      for (int i = 0; i < n; i++) {
        if (left[i] < 0) continue;
        if (left[i] <= i || left[i] >= n || right[i] <= i || right[i] >= n) {
          return "node " + i + " has children " + left[i] + " and " + right[i] + " of " + n;
        }
        if (feature[i] < 0 || feature[i] >= features) {
          return "node " + i + " splits on feature " + feature[i] + " of " + features;
        }
      }
      return null;
    }
  }

  private Trees(List<Tree> trees, float baseMargin, boolean logistic, List<String> features) {
    this.trees = List.copyOf(trees);
    this.baseMargin = baseMargin;
    this.logistic = logistic;
    this.features = List.copyOf(features);
  }

  /**
   * Reads a model: the compact form, or XGBoost's JSON as it streams by (only the five arrays a
   * tree walks with are kept, and no document is built: a document of the second stage's 19 MB took
   * most of a second).
   *
   * @throws ModelException when the bytes are not such a model, or its feature names differ from
   *     {@code features}
   */
  static Trees read(String name, byte[] bytes, List<String> features) {
    Trees trees;
    try {
      byte[] plain = gunzipped(bytes);
      trees = isCompact(plain) ? readCompact(plain) : readJson(name, plain);
    } catch (IOException | java.nio.BufferUnderflowException e) {
      throw new ModelException(name, "is not a tree model (compact or XGBoost's JSON)", e);
    }
    if (!trees.features.equals(features)) {
      throw new ModelException(
          name,
          "was trained on features "
              + trees.features
              + " but this build computes "
              + features
              + ": run storybot train",
          null);
    }
    if (trees.trees.isEmpty()) throw new ModelException(name, "holds no trees", null);
    for (int i = 0; i < trees.trees.size(); i++) {
      String fault = trees.trees.get(i).fault(features.size());
      if (fault != null)
        throw new ModelException(name, "has a broken tree " + i + ": " + fault, null);
    }
    return trees;
  }

  private static Trees readJson(String name, byte[] json) throws IOException {
    Model model = new Model();
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() == JsonToken.START_OBJECT) model.read(in, "");
    }
    String objective = model.objective;
    boolean logistic = objective.equals("binary:logistic");
    if (!logistic && !objective.startsWith("rank:")) {
      throw new ModelException(
          name, "has objective " + objective + ", not ranking or logistic", null);
    }
    float base = parseBase(model.baseScore);
    float margin = logistic ? (float) Math.log(base / (1 - base)) : base;
    return new Trees(model.trees, margin, logistic, model.features);
  }

  /**
   * The compact form, gzipped: "SBT1", whether the output is a probability, the base margin, the
   * feature names, then each tree's node count and arrays (left and right children, split feature,
   * split condition or leaf value, default direction). Big-endian, as {@link DataOutputStream}
   * writes.
   */
  byte[] compact() {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(COMPACT);
      out.writeBoolean(logistic);
      out.writeFloat(baseMargin);
      out.writeInt(features.size());
      for (String f : features) {
        byte[] utf = f.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf.length);
        out.write(utf);
      }
      out.writeInt(trees.size());
      for (Tree t : trees) {
        int n = t.left.length;
        out.writeInt(n);
        for (int[] column : List.of(t.left, t.right, t.feature))
          for (int v : column) out.writeInt(v);
        for (float v : t.threshold) out.writeFloat(v);
        for (boolean v : t.defaultLeft) out.writeBoolean(v);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  private static boolean isCompact(byte[] plain) {
    return plain.length >= 4 && ByteBuffer.wrap(plain).getInt() == COMPACT;
  }

  /** Reads what {@link #compact} wrote (inflated): bulk copies, no parsing. */
  private static Trees readCompact(byte[] plain) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(plain);
    in.getInt();
    boolean logistic = in.get() != 0;
    float margin = in.getFloat();
    List<String> features = new ArrayList<>();
    for (int i = in.getInt(); i > 0; i--) {
      byte[] utf = new byte[in.getShort() & 0xffff];
      in.get(utf);
      features.add(new String(utf, StandardCharsets.UTF_8));
    }
    int count = in.getInt();
    if (count < 0) throw new IOException("a negative number of trees");
    List<Tree> trees = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = in.getInt();
      if (n <= 0 || (long) n * NODE_BYTES > in.remaining())
        throw new IOException("tree " + i + " is cut");
      int[] left = readInts(in, n), right = readInts(in, n), feature = readInts(in, n);
      float[] threshold = new float[n];
      in.asFloatBuffer().get(threshold);
      in.position(in.position() + 4 * n);
      boolean[] defaultLeft = new boolean[n];
      for (int j = 0; j < n; j++) defaultLeft[j] = in.get() != 0;
      trees.add(new Tree(left, right, feature, threshold, defaultLeft));
    }
    if (in.hasRemaining()) throw new IOException(in.remaining() + " bytes after the last tree");
    return new Trees(trees, margin, logistic, features);
  }

  private static int[] readInts(ByteBuffer in, int n) {
    int[] out = new int[n];
    in.asIntBuffer().get(out);
    in.position(in.position() + 4 * n);
    return out;
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

  /** The bytes, inflated when gzipped (models ship gzipped). */
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
