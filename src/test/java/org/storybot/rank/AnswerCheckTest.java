package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {
  private static float feature(String question, String sentence, String name) {
    float[][] second = new float[2][SecondStage.NAMES.size()];
    float[][] all = new float[2][Features.NAMES.size()];
    float[] row =
        AnswerCheck.row(
            second, new float[] {1f, 0f}, 0, all, List.of("a", "b"), question, sentence);
    assertThat(row).hasSize(AnswerCheck.NAMES.size());
    return row[AnswerCheck.NAMES.indexOf(name)];
  }

  @Test
  void aQuestionThatNegatesWhatTheBestSentenceSaysIsMarked() {
    String built = "It was built by William Longsword in 1066.";
    assertThat(feature("Who never built the castle?", built, "question_negated")).isEqualTo(1f);
    assertThat(feature("Who never built the castle?", built, "negation_differs")).isEqualTo(1f);
    assertThat(feature("Who built the castle?", built, "question_negated")).isEqualTo(0f);
    assertThat(feature("Who built the castle?", built, "negation_differs")).isEqualTo(0f);
    assertThat(feature("Who didn't leave?", "Nobody left.", "negation_differs")).isEqualTo(0f);
    assertThat(Question.negated("Why didn’t they stay?")).isTrue();
    assertThat(Question.negated("Who noticed the knot?")).isFalse();
  }

  @Test
  void aQuestionAskingTheOppositeOfTheBestSentenceIsMarked() {
    String exports = "The Normans' major exports were wool and tin.";
    assertThat(feature("What were the Normans' major imports?", exports, "antonym_swapped"))
        .isEqualTo(1f);
    assertThat(feature("What were the Normans' major exports?", exports, "antonym_swapped"))
        .isEqualTo(0f);
    // both words in the question: it asks about the contrast, not its opposite
    assertThat(feature("Were imports or exports larger?", exports, "antonym_swapped"))
        .isEqualTo(0f);
  }
}
