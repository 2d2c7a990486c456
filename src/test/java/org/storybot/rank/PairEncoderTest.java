package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PairEncoderTest {
  static PairEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = new PairEncoder();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void buildsClsQuestionSepSentenceSep() {
    long[] q = encoder.question("Who built it?");
    long[] ids = encoder.pair(q, "The Normans built it.");
    assertThat(ids[0]).isEqualTo(PairEncoder.CLS);
    assertThat(ids[q.length + 1]).isEqualTo(PairEncoder.SEP);
    assertThat(ids[ids.length - 1]).isEqualTo(PairEncoder.SEP);
    long[] types = PairEncoder.types(ids);
    assertThat(types[q.length + 1]).isZero();
    assertThat(types[q.length + 2]).isEqualTo(1);
    assertThat(types[ids.length - 1]).isEqualTo(1);
  }

  @Test
  void cutsLongInputsToTheModelsLength() {
    long[] q = encoder.question("why ".repeat(100));
    assertThat(q).hasSize(PairEncoder.MAX_QUESTION);
    long[] ids = encoder.pair(q, "word ".repeat(300));
    assertThat(ids).hasSize(PairEncoder.MAX_LENGTH);
    assertThat(ids[ids.length - 1]).isEqualTo(PairEncoder.SEP);
  }

  @Test
  void anEmptySentenceStillMakesAWellFormedPair() {
    long[] ids = encoder.pair(encoder.question("Who?"), "");
    assertThat(ids[ids.length - 1]).isEqualTo(PairEncoder.SEP);
    assertThat(PairEncoder.types(ids)).containsOnly(0L, 1L);
  }
}
