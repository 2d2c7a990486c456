package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnswerTypesTest {
  private static AnswerTypes of(String text) {
    List<String> spelt = Question.words(text);
    Set<String> words =
        spelt.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return AnswerTypes.of(text, spelt, words);
  }

  @Test
  void readsEachKindOfAnswerFromTheWords() {
    AnswerTypes t =
        of(
            "Defense Secretary Lloyd Austin spoke in Damascus on April 1, 2024 because of the strike.");
    assertThat(t.person()).isTrue();
    assertThat(t.place()).isTrue();
    assertThat(t.date()).isTrue();
    assertThat(t.number()).isTrue();
    assertThat(t.cause()).isTrue();
    assertThat(t.quote()).isFalse();

    AnswerTypes plain = of("the castle stands on a hill");
    assertThat(plain).isEqualTo(new AnswerTypes(false, false, false, false, false, false));
    assertThat(of("\u201cWe are not looking for a war,\u201d he said.").quote()).isTrue();
  }

  @Test
  void agreesWhenTheSentenceHoldsWhatTheQuestionAsks() {
    AnswerTypes person = of("It was built by King Edward in the north.");
    assertThat(person.agrees(Question.Kind.WHO)).isEqualTo(1.0);
    assertThat(person.agrees(Question.Kind.WHEN)).isEqualTo(0.0);
    assertThat(person.agrees(Question.Kind.WHAT)).isEqualTo(0.5);
  }
}
