package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** e5-small-v2 loads from its jar and reads a reworded question as its answer's neighbour. */
class E5CosinesTest {
  private static E5Cosines e5;

  @BeforeAll
  static void load() {
    e5 = new E5Cosines();
  }

  @AfterAll
  static void close() {
    e5.close();
  }

  static final List<String> SENTENCES =
      List.of(
          "The Pentagon chief spoke with his Israeli counterpart on Sunday.",
          "\"We're not looking for a wider war with Iran,\" he told NBC's Meet the Press.",
          "Heavy rain is expected across the north of England tomorrow.");

  @Test
  void theRewordedAnswerIsClosest() {
    float[] cosines = e5.of("Does Washington want a bigger conflict with Tehran?", SENTENCES);
    assertThat(cosines).hasSize(3);
    assertThat(cosines[1]).isGreaterThan(cosines[0]).isGreaterThan(cosines[2]);
    for (float c : cosines) assertThat(c).isBetween(-1f, 1f);
  }

  @Test
  void aQuestionGetsTheSameCosinesAloneAsAmongOthers() {
    String question = "Who did the defence secretary call?";
    float[] alone = e5.of(question, SENTENCES);
    List<float[]> together =
        e5.of(
            List.of("What will the weather be like?", question),
            List.of(SENTENCES.subList(0, 2), SENTENCES));
    assertThat(together.get(0)).hasSize(2);
    assertThat(together.get(1)).containsExactly(alone);
  }
}
