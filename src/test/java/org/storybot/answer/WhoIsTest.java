package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhoIsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "who is biden | biden",
        "Who is Joe Biden? | joe,biden",
        "WHO IS JOHN KIRBY | john,kirby",
        "who's Gallant?! | gallant",
        "who is kirby please | kirby",
        "So who was Mr Netanyahu? | netanyahu"
      })
  void aQuestionThatOnlyAsksWhoSomeoneIsNamesThem(String question, String name) {
    assertThat(WhoIs.of(question))
        .hasValueSatisfying(w -> assertThat(String.join(",", w.name())).isEqualTo(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Who was killed in the strike on the Iranian consulate in Damascus?",
        "Who briefed Biden on the Iranian strikes?",
        "who is responsible for the attack on the consulate",
        "What is Biden?",
        "who"
      })
  void anyOtherQuestionIsLeftToTheRanker(String question) {
    assertThat(WhoIs.of(question)).isEmpty();
  }

  @Test
  void aSentenceIntroducesAPersonByATitleOrRoleRightBeforeTheName() {
    WhoIs biden = WhoIs.of("who is biden").orElseThrow();
    assertThat(biden.introduces("Shortly after, US President Joe Biden promised support."))
        .isTrue();
    assertThat(biden.introduces("Biden spoke by telephone with Netanyahu.")).isFalse();
    assertThat(biden.introduces("the president's son joe biden spoke")).isFalse(); // not a name
    WhoIs kirby = WhoIs.of("who is kirby").orElseThrow();
    assertThat(kirby.introduces("White House spokesperson John Kirby revealed that ...")).isTrue();
    assertThat(WhoIs.of("who is kirbi").orElseThrow().introduces("spokesperson John Kirby said"))
        .isTrue(); // a typo
    // a title that belongs to someone else, before a verb, does not introduce Austin
    WhoIs austin = WhoIs.of("who is austin").orElseThrow();
    assertThat(austin.introduces("Security Minister Yoav Gallant told Austin.")).isFalse();
    assertThat(austin.introduces("US Defense Secretary Lloyd Austin asked Gallant.")).isTrue();
  }
}
