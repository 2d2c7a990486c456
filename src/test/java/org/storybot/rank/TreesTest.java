package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** Our tree walker gives what XGBoost itself predicts from the same saved model. */
class TreesTest {
  static final List<String> NAMES = List.of("a", "b", "c");

  @Test
  void rankerScoresEqualXgboostsOwnPredictions() throws Exception {
    Random r = new Random(1);
    List<float[][]> groups = new ArrayList<>();
    List<float[]> labels = new ArrayList<>();
    for (int g = 0; g < 60; g++) {
      float[][] rows = new float[10][3];
      float[] y = new float[10];
      for (int i = 0; i < 10; i++) {
        for (int f = 0; f < 3; f++) rows[i][f] = r.nextFloat();
        if (i == 3) rows[i][2] = Float.NaN; // a missing value takes the default branch
        y[i] = rows[i][0] + rows[i][1] > 1.2f ? 1 : 0;
      }
      groups.add(rows);
      labels.add(y);
    }
    byte[] json = Boosting.rank(groups, labels, NAMES, 40, Boosting.BAG);
    assertSame(json, groups.stream().flatMap(java.util.Arrays::stream).toList());
  }

  @Test
  void theCompactFormPredictsExactlyWhatTheJsonDoes() {
    Random r = new Random(4);
    float[][] rows = new float[400][3];
    float[] y = new float[400];
    for (int i = 0; i < rows.length; i++) {
      for (int f = 0; f < 3; f++) rows[i][f] = r.nextInt(8) == 0 ? Float.NaN : r.nextFloat();
      y[i] = rows[i][0] > 0.5f ? 1 : 0;
    }
    byte[] json = Boosting.classify(rows, y, null, NAMES, 25, Boosting.BAG);
    Trees fromJson = Trees.read("json", json, NAMES);
    byte[] compact = fromJson.compact();
    assertThat(compact.length).isLessThan(json.length / 2);
    Trees fromCompact = Trees.read("compact", compact, NAMES);
    for (float[] row : rows) {
      assertThat(Float.floatToIntBits(fromCompact.predict(row)))
          .isEqualTo(Float.floatToIntBits(fromJson.predict(row)));
    }
    assertThat(fromCompact.compact()).as("written again, the same bytes").isEqualTo(compact);
    assertThatThrownBy(() -> Trees.read("compact", compact, List.of("a", "b", "d")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("storybot train");
  }

  @Test
  void refusesACompactModelThatIsCut() throws Exception {
    byte[] json =
        Boosting.classify(
            new float[][] {{0, 1, 2}, {1, 0, 2}}, new float[] {0, 1}, null, NAMES, 2, 1);
    byte[] plain;
    try (var in =
        new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(Trees.read("t", json, NAMES).compact()))) {
      plain = in.readAllBytes();
    }
    for (int cut : new int[] {6, plain.length / 2, plain.length - 1}) {
      byte[] shorter = java.util.Arrays.copyOf(plain, cut);
      assertThatThrownBy(() -> Trees.read("cut", shorter, NAMES))
          .as("cut at %d of %d bytes", cut, plain.length)
          .isInstanceOf(ModelException.class)
          .hasMessage("the model cut is not a tree model (compact or XGBoost's JSON)");
    }
  }

  @Test
  void classifierGivesXgboostsProbabilities() throws Exception {
    Random r = new Random(2);
    float[][] rows = new float[500][3];
    float[] y = new float[500];
    for (int i = 0; i < rows.length; i++) {
      for (int f = 0; f < 3; f++) rows[i][f] = (float) r.nextGaussian();
      y[i] = rows[i][0] - rows[i][2] > 0 ? 1 : 0;
    }
    byte[] json = Boosting.classify(rows, y, null, NAMES, 30, Boosting.BAG);
    assertSame(json, List.of(rows));
    Trees trees = Trees.read("test", json, NAMES);
    assertThat(trees.predict(new float[] {2, 0, -2})).isGreaterThan(0.8f);
    assertThat(trees.predict(new float[] {-2, 0, 2})).isLessThan(0.2f);
  }

  @Test
  void anAveragedModelPredictsTheMeanOfItsBoosters() {
    Random r = new Random(3);
    float[][] rows = new float[300][3];
    float[] y = new float[300];
    for (int i = 0; i < rows.length; i++) {
      for (int f = 0; f < 3; f++) rows[i][f] = (float) r.nextGaussian();
      y[i] = rows[i][1] + 0.5f * rows[i][2] > 0 ? 1 : 0;
    }
    List<byte[]> boosters = new ArrayList<>();
    for (int seed : new int[] {1, 2, 3}) {
      boosters.add(Boosting.classifyOne(rows, y, null, NAMES, 20, seed));
    }
    Trees averaged = Trees.read("bag", Boosting.average(boosters), NAMES);
    List<Trees> each = boosters.stream().map(b -> Trees.read("one", b, NAMES)).toList();
    boolean differ = false;
    for (float[] row : List.of(rows).subList(0, 50)) {
      double mean = 0;
      for (Trees t : each) mean += logit(t.predict(row)) / each.size();
      assertThat((double) logit(averaged.predict(row))).isCloseTo(mean, within(1e-4));
      differ |= Math.abs(each.get(0).predict(row) - each.get(1).predict(row)) > 1e-3;
    }
    assertThat(differ).as("boosters with other seeds learn other trees").isTrue();
  }

  private static float logit(float p) {
    return (float) Math.log(p / (1 - p));
  }

  @Test
  void refusesAModelTrainedOnOtherFeatures() {
    byte[] json =
        Boosting.classify(
            new float[][] {{0, 1, 2}, {1, 0, 2}}, new float[] {0, 1}, null, NAMES, 2, 1);
    assertThatThrownBy(() -> Trees.read("old", json, List.of("a", "b", "d")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("storybot train");
  }

  @Test
  void trainingRepeatsExactly() {
    float[][] rows = {{0, 1, 2}, {1, 0, 2}, {2, 2, 0}, {0, 0, 1}};
    float[] y = {0, 1, 1, 0};
    assertThat(Boosting.classify(rows, y, null, NAMES, 5, 3))
        .isEqualTo(Boosting.classify(rows, y, null, NAMES, 5, 3));
  }

  private static void assertSame(byte[] json, List<float[]> rows) throws Exception {
    Trees trees = Trees.read("test", json, NAMES);
    Booster booster = XGBoost.loadModel(json);
    float[] flat = new float[rows.size() * 3];
    for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, flat, i * 3, 3);
    DMatrix m = new DMatrix(flat, rows.size(), 3, Float.NaN);
    float[][] expected = booster.predict(m);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(trees.predict(rows.get(i)))
          .isCloseTo(expected[i][0], org.assertj.core.data.Offset.offset(1e-5f));
    }
    m.dispose();
    booster.dispose();
  }

  @Test
  void refusesJsonThatIsNotAModel() {
    assertThatThrownBy(() -> Trees.read("broken", bytes("not json"), NAMES))
        .isInstanceOf(ModelException.class)
        .hasMessage("the model broken is not a tree model (compact or XGBoost's JSON)");
    for (String json :
        List.of(
            "{\"learner\": {\"feature_names\": null}}",
            "{\"learner\": {\"feature_names\": [\"a\", \"b\", \"c\"], \"gradient_booster\":"
                + " {\"model\": {\"trees\": [{\"left_children\": 5}]}}}}")) {
      assertThatThrownBy(() -> Trees.read("broken", bytes(json), NAMES))
          .as(json)
          .isInstanceOf(ModelException.class)
          .hasMessage("the model broken is not a tree model (compact or XGBoost's JSON)")
          .hasRootCauseMessage(
              json.contains("null")
                  ? "/learner/feature_names is VALUE_NULL, not an array"
                  : "left_children is VALUE_NUMBER_INT, not an array");
    }
  }

  @Test
  void refusesATreeThatWouldWalkOutOfItsNodesOrFeatures() {
    String model =
        "{\"learner\": {\"feature_names\": [\"a\", \"b\", \"c\"], \"objective\": {\"name\":"
            + " \"binary:logistic\"}, \"learner_model_param\": {\"base_score\": \"5E-1\"},"
            + " \"gradient_booster\": {\"model\": {\"trees\": [{"
            + "\"left_children\": [1, -1, -1], \"right_children\": [%s, -1, -1],"
            + " \"split_indices\": [%s, 0, 0], \"split_conditions\": [0.5, -1, 1],"
            + " \"default_left\": [0, 0, 0]}]}}}}";
    assertThat(Trees.read("ok", bytes(model.formatted(2, 1)), NAMES).predict(new float[] {0, 1, 0}))
        .isGreaterThan(0.5f);
    assertThatThrownBy(() -> Trees.read("loop", bytes(model.formatted(0, 1)), NAMES))
        .isInstanceOf(ModelException.class)
        .hasMessage("the model loop has a broken tree 0: node 0 has children 1 and 0 of 3");
    assertThatThrownBy(() -> Trees.read("wide", bytes(model.formatted(2, 7)), NAMES))
        .isInstanceOf(ModelException.class)
        .hasMessage("the model wide has a broken tree 0: node 0 splits on feature 7 of 3");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
