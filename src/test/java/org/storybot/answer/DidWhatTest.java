package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DidWhatTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "what did iran do? | iran",
        "What has Netanyahu done so far? | netanyahu",
        "What is the White House doing? | white,house",
        "what did the IRGC do | irgc",
        "What did DECnet originally do? | decnet",
        "What do some community pharmacies do? | community,pharmacies"
      })
  void aQuestionAboutWhatSomeoneDidNamesThem(String question, String actor) {
    assertThat(DidWhat.of(question))
        .hasValueSatisfying(d -> assertThat(String.join(",", d.actor())).isEqualTo(actor));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What did Kirby say?",
        "What did they do?",
        "What does it do to Iran?",
        "What does pumping water into the mesoglea do?", // a clause, not whom it asks about
        "What did Luther refuse to do?",
        "What is the most important thing apicoplasts do?", // what apicoplasts do, not who
        "What does the IPCC not do?"
      })
  void anyOtherQuestionIsLeftToTheRanker(String question) {
    assertThat(DidWhat.of(question)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Shortly after the Iranian retaliatory attack, Biden promised support.",
        "I just met my team for an update on Iran's attacks against Israel.",
        "Iran launched drones and missiles on Sunday.",
        "Iran also fired missiles at Israel.",
        "On Sunday the Iranian Armed Forces struck Israel."
      })
  void aSentenceWhereTheActorActsTellsWhatTheyDid(String sentence) {
    assertThat(DidWhat.of("what did iran do?").orElseThrow().acts(sentence)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The US was staying vigilant to Iranian threats against US soldiers.", // no deed
        "Biden attacked Iran's record on rights.", // Iran did nothing
        "Tehran said it had no choice.", // saying is not doing
        "A response by the Iranian Armed Forces would be decisive.", // "Armed" names
        "Supporting attacks on Iran would be met with a response." // Iran is acted on
      })
  void aSentenceThatOnlyMentionsTheActorDoesNot(String sentence) {
    assertThat(DidWhat.of("what did iran do?").orElseThrow().acts(sentence)).isFalse();
  }
}
