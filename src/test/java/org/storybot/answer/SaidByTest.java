package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SaidByTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "what did kirby say | kirby",
        "What did Kirby say? | kirby",
        "what did kirby say, please? | kirby",
        "What has the White House said so far? | white,house",
        "what is Austin saying about it | austin",
        "So what did the US president say?! | us,president",
        "What did Iran’s foreign ministry announce? | iran,foreign,ministry",
        "What Kirby said? | kirby"
      })
  void aBroadQuestionAboutWhatSomeoneSaidNamesTheSpeaker(String question, String speaker) {
    assertThat(SaidBy.of(question))
        .hasValueSatisfying(s -> assertThat(String.join(",", s.speaker())).isEqualTo(speaker));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What did Kirby tell NBC's Meet the Press?", // asks for one thing said: the ranker's job
        "What did Netanyahu say to Biden on the phone?",
        "What did Russia say about Iran's attack on Israel?",
        "What did they say?", // nobody named
        "What did you say?",
        "Who did Austin call?",
        "what did iran do?"
      })
  void anyOtherQuestionIsLeftToTheRanker(String question) {
    assertThat(SaidBy.of(question)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "White House spokesperson John Kirby revealed that the United States does not want war.",
        "Kirby also said the US was staying vigilant.",
        "“We are not looking for a wider war,” said Kirby.",
        "The talks will go on, said US President Joe Biden, adding nothing more.",
        "According to Kirby, the talks will go on."
      })
  void aSentenceReportingTheSpeakersWordsReportsThem(String sentence) {
    SaidBy speaker = SaidBy.of("what did kirby or biden say").orElseThrow();
    assertThat(speaker.reports(sentence)).isTrue();
    assertThat(SaidBy.of("what did kirbi or bidden say").orElseThrow().reports(sentence))
        .as("typed with a slip")
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Biden told Kirby that the United States would not join.", // Kirby listened
        "Kirby met Netanyahu on Sunday, officials said.", // the officials spoke
        "The statement said many things about the region, and Kirby attended.",
        "Kirbyville said it would hold a vote." // another name
      })
  void aSentenceThatOnlyMentionsTheSpeakerDoesNot(String sentence) {
    SaidBy kirby = SaidBy.of("what did kirby say").orElseThrow();
    assertThat(kirby.reports(sentence)).isFalse();
  }
}
