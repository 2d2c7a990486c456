package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompoundTest {
  @Test
  void aSecondQuestionAfterAndIsAskedOnItsOwn() {
    assertThat(Compound.parts("who is kirby and what did he say"))
        .containsExactly("who is kirby?", "what did he say?");
    assertThat(Compound.parts("Who discovered this, and where did they come from?"))
        .containsExactly("Who discovered this?", "where did they come from?");
    assertThat(Compound.parts("Who is Austin? How tall is the Eiffel Tower?"))
        .containsExactly("Who is Austin?", "How tall is the Eiffel Tower?");
  }

  @Test
  void questionsSentOneAfterAnotherAreAskedEachOnItsOwn() {
    assertThat(Compound.parts("Who is Kirby? What did he say? When did Iran attack?"))
        .containsExactly("Who is Kirby?", "What did he say?", "When did Iran attack?");
    assertThat(Compound.parts("who is kirby\nwhat did he say"))
        .as("one a line")
        .containsExactly("who is kirby?", "what did he say?");
  }

  @Test
  void severalPeopleAskedAboutAtOnceAreAskedAboutOneByOne() {
    assertThat(Compound.parts("who are kirby and austin?"))
        .containsExactly("who is kirby?", "who is austin?");
    assertThat(Compound.parts("Who are Biden, Netanyahu and Lloyd Austin"))
        .containsExactly("who is Biden?", "who is Netanyahu?", "who is Lloyd Austin?");
    assertThat(Compound.parts("Who are Kirby and Austin? How tall is the Eiffel Tower?"))
        .containsExactly("who is Kirby?", "who is Austin?", "How tall is the Eiffel Tower?");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What did Biden and Netanyahu discuss?",
        "Where and when did the investigation of the plague pathogen begin?",
        "The Rhine and what other river drained the northern flanks of the alps?",
        "A single line connects San Bernardino, Riverside and what other county?",
        "Which city lies between Koblenz and what other city is on the Rhine?",
        "How many astronauts visited space on missions and were rewarded for their efforts?",
        "Who are they?",
        "Who are debates and meetings open to?",
        "When Tesla attempted to photograph Mark Twain, what was the only thing that showed up?",
        "What is the name of the Bronco's head coach, who was hired after John Fox?",
        "who are the people who attacked the consulate and the embassy in Damascus?",
        "What happened?"
      })
  void oneQuestionStaysWhole(String question) {
    assertThat(Compound.parts(question)).containsExactly(question);
  }

  @Test
  void moreThanThreeQuestionsAreReadAsOne() {
    String q = "Who is Kirby? Who is Austin? Who is Biden? Who is Gallant?";
    assertThat(Compound.parts(q)).containsExactly(q);
    String longest = "who is kirby and what did he say and ".repeat(110) + "why?"; // > 4,096
    assertThat(Compound.parts(longest)).containsExactly(longest);
  }
}
