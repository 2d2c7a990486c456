package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HappenedWhenTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "What happened on Sunday? | sunday",
        "what happened on april 1st | april,1",
        "What took place over the weekend? | weekend",
        "what happened yesterday | yesterday",
        "What happened in 2023? | 2023"
      })
  void aQuestionAboutWhatHappenedAtATimeNamesIt(String question, String time) {
    assertThat(HappenedWhen.of(question))
        .hasValueSatisfying(h -> assertThat(String.join(",", h.time())).isEqualTo(time));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What happened?", // the summary's
        "What happened in Damascus?", // a place: the ranker's
        "What happened on Sunday in Damascus?",
        "What happened last week?",
        "When did the attack happen?"
      })
  void anyOtherQuestionIsLeftToTheRanker(String question) {
    assertThat(HappenedWhen.of(question)).isEmpty();
  }

  @Test
  void aSentenceNamingTheTimeTellsWhatHappenedThen() {
    HappenedWhen sunday = HappenedWhen.of("what happened on sunday?").orElseThrow();
    assertThat(sunday.fits("The White House confirmed Sunday that Biden spoke with Netanyahu."))
        .isTrue();
    assertThat(sunday.fits("Biden spoke with Netanyahu on Monday.")).isFalse();
    HappenedWhen may = HappenedWhen.of("What happened in May?").orElseThrow();
    assertThat(may.fits("The talks began in May.")).isTrue();
    assertThat(may.fits("It may rain.")).as("a verb").isFalse();
    HappenedWhen april = HappenedWhen.of("what happened on the 1st of April?").orElseThrow();
    assertThat(april.fits("The strike targeted the consulate on April 1.")).isTrue();
    assertThat(april.fits("The strike came in April.")).isFalse();
  }
}
