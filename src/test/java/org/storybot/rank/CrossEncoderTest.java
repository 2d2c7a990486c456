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
      assertThat(logit).isCloseTo((float) p.path("logit").asDouble(), within(1e-3f));
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
}
