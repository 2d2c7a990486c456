package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storybot.index.Candidate;
import org.storybot.index.IndexedSentence;

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
        "What Kirby said? | kirby",
        "What's the US position? | us",
        "what is Biden’s stance | biden",
        "What was Iran's response? | iran"
      })
  void aBroadQuestionAboutWhatSomeoneSaidNamesTheSpeaker(String question, String speaker) {
    assertThat(SaidBy.of(question))
        .hasValueSatisfying(s -> assertThat(String.join(",", s.speaker())).isEqualTo(speaker));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What did Kirby tell NBC's Meet the Press?", // asks for one thing said: the ranker's job
        "What did they say?", // nobody named
        "What did you say?",
        "Who did Austin call?",
        "what did iran do?",
        "What was a similar view about the Asian continent called?", // no one's view
        "What does TFEU article 288 not say?",
        "What did Josel of Rosheim claimed that Luther said of those who might aid the Jews?"
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
  @CsvSource(
      delimiter = '|',
      value = {
        "What did Kirby say on NBC? | kirby | nbc",
        "What did Netanyahu say to Biden on the phone? | netanyahu | biden,phone",
        "what did russia say about iran's attack on israel | russia | iran,attack,israel",
        "What did Biden say about it? | biden | ''",
        "What is Biden's stance on Israel? | biden | israel"
      })
  void whereOrAboutWhatSomeoneSpokeIsKept(String question, String speaker, String about) {
    SaidBy s = SaidBy.of(question).orElseThrow();
    assertThat(String.join(",", s.speaker())).isEqualTo(speaker);
    assertThat(String.join(",", s.about())).isEqualTo(about);
  }

  @Test
  void aSentenceReportsWhatSomeoneSaidAboutSomethingOnlyWhenItHoldsIt() {
    SaidBy nbc = SaidBy.of("What did Kirby say on NBC?").orElseThrow();
    assertThat(nbc.fits("Kirby told NBC's Meet the Press the US wants no war.")).isTrue();
    assertThat(nbc.fits("Kirby revealed that the United States does not want war.")).isFalse();
    assertThat(
            SaidBy.of("what did biden say about drones")
                .orElseThrow()
                .fits("Biden said the drone fell."))
        .as("a plural")
        .isTrue();
    SaidBy x = SaidBy.of("What did Biden say on X?").orElseThrow();
    assertThat(x.fits("Biden said on X that support is ironclad.")).isTrue();
    assertThat(x.fits("Biden said Xi's call was useful.")).isFalse();
  }

  @Test
  void anotherNameOfACountryOrItsGovernmentReportsIt() {
    SaidBy us = SaidBy.of("what did the us say?").orElseThrow();
    assertThat(us.reports("The United States has revealed that it does not intend war.")).isTrue();
    assertThat(us.reports("Washington said it would not join.")).isTrue();
    assertThat(us.reports("The US said it would not join.")).isTrue();
    assertThat(us.reports("He told us that he said nothing.")).as("a pronoun").isFalse();
    assertThat(us.reports("Iran warned the United States.")).as("spoken to").isFalse();
    assertThat(SaidBy.of("what did iran say").orElseThrow().reports("The IRGC warned the US."))
        .isTrue();
  }

  @Test
  void aPronounReportsTheSpeakerNamedInTheSentenceBefore() {
    SaidBy kirby = SaidBy.of("What did Kirby say on NBC?").orElseThrow();
    String told = "\"We're not looking for a wider war with Iran,\" he told NBC's Meet the Press.";
    assertThat(kirby.fits(candidate(told, "White House spokesperson John Kirby revealed that ...")))
        .isTrue();
    assertThat(kirby.fits(candidate(told, "Biden said the US helped Israel."))).isFalse();
    assertThat(kirby.fits(candidate(told, ""))).isFalse();
  }

  private static Candidate candidate(String text, String previous) {
    IndexedSentence s = new IndexedSentence("a", 1, 0, "", text, "Title", "", "");
    return new Candidate(s, previous, "", 3, 0f, 0f, 0f, 0, 0, 0, List.of(), Set.of(), Set.of());
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
