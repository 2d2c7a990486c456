package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped cross-encoder, run by ONNX Runtime here, gives the logits the training code recorded
 * when it exported the model ({@code tools/train-cross-encoder}), and reads a question and its
 * answer as a match.
 */
class CrossEncoderTest {
  static PairEncoder pairs;
  static CrossEncoder model;

  @BeforeAll
  static void load() throws Exception {
    pairs = new PairEncoder();
    model = new CrossEncoder("shipped", Ranker.shippedModel(Ranker.CROSS_ENCODER), pairs, 1);
  }

  @AfterAll
  static void close() {
    model.close();
    pairs.close();
  }

  @Test
  void reproducesTheLogitsRecordedAtExport() throws Exception {
    JsonNode expected =
        new ObjectMapper()
            .readTree(
                Files.readString(Path.of("src/test/resources/rank/cross-encoder-logits.json")));
    assertThat(expected.path("sha256").asText())
        .isEqualTo(Manifest.sha256(Ranker.shippedModel(Ranker.CROSS_ENCODER)));
    List<long[]> inputs = new ArrayList<>();
    for (JsonNode p : expected.path("pairs")) {
      long[] ids = new long[p.path("input_ids").size()];
      for (int i = 0; i < ids.length; i++) ids[i] = p.path("input_ids").get(i).asLong();
      inputs.add(ids);
      float logit = model.run(new long[][] {ids})[0];
      // Exact to 1e-6 for 19 of the 20 pairs on both CPUs seen; on an AVX-512 VNNI machine one
      // pair moved by 0.012: the int8 kernels differ by CPU, and an activation that quantizes
      // to the other side of a rounding step moves the logit that much. A wrong model, tokenizer
      // or input layout moves logits by whole units.
      assertThat(logit).isCloseTo((float) p.path("logit").asDouble(), within(0.05f));
    }
    assertThat(inputs).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void scoresTheAnsweringSentenceAboveTheOthers() {
    float[] logits =
        model.score(
            "When was the castle built?",
            List.of(
                "The castle stands on a hill above the river.",
                "It was built by the Normans in 1066.",
                "Visitors pay five pounds to enter."));
    assertThat(logits[1]).isGreaterThan(logits[0]);
    assertThat(logits[1]).isGreaterThan(logits[2]);
  }

  /** A logged question ({@link Staged}) scored again keeps its candidates, takes new logits. */
  @Test
  void rescoringReplacesTheLogitsAndTheRowsBuiltFromThem() {
    List<String> texts =
        List.of(
            "The harbour was closed on Monday.",
            "The castle was built in 1120 by the first duke.",
            "Tickets cost ten euros.");
    float[][] features = new float[3][Features.NAMES.size()];
    for (int i = 0; i < 3; i++) features[i][0] = i + 1; // told apart in the rows
    Group group =
        new Group(
            "q1",
            "test",
            3,
            0,
            true,
            "When was the castle built?",
            texts,
            List.of("a", "a", "a"),
            features,
            new boolean[] {false, true, false});
    int[] top = {2, 1, 0};
    float[] first = {0.1f, 0.5f, 0.9f};
    float[] stale = {9, 9, 9};
    float[] e5 = {0.7f, 0.8f, 0.75f};
    Staged logged =
        new Staged(group, top, first, stale, SecondStage.rows(features, top, first, stale, e5), e5);

    Staged again = logged.rescored(model);

    float[] expected =
        model.score(group.question(), List.of(texts.get(2), texts.get(1), texts.get(0)));
    assertThat(again.top()).containsExactly(top);
    assertThat(again.first()).containsExactly(first);
    assertThat(again.logits()).containsExactly(expected);
    assertThat(again.logits()[1]).isGreaterThan(again.logits()[0]); // the castle sentence wins
    int logitColumn = Features.NAMES.size() + 3;
    for (int i = 0; i < top.length; i++) {
      assertThat(again.rows()[i][0]).isEqualTo(top[i] + 1);
      assertThat(again.rows()[i][logitColumn]).isEqualTo(expected[i]);
    }
    assertThat(again.labels()).containsExactly(0, 1, 0);
    // e5's cosines are kept, and the second stage reads them (and how far each is from the best)
    assertThat(again.e5()).containsExactly(e5);
    int e5Column = SecondStage.NAMES.indexOf("e5_cosine");
    for (int i = 0; i < top.length; i++) {
      assertThat(again.rows()[i][e5Column]).isEqualTo(e5[i]);
      assertThat(again.rows()[i][e5Column + 1]).isEqualTo(e5[i] - 0.8f);
    }
    assertThat(again.rows()[1][SecondStage.NAMES.indexOf("e5_rank")]).isZero();
  }
}
