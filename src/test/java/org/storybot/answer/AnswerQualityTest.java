package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/** The dev question set over the story alone: the figures the README reports. */
class AnswerQualityTest {
  static StoryIndex index;
  static List<DevSet.Outcome> outcomes;

  /** The dev set's unanswerable questions that have nothing to do with the story. */
  static final Set<String> OFF_TOPIC =
      Set.of(
          "Recommend a pasta recipe",
          "Who won the 2022 World Cup?",
          "How do I reset my router?",
          "What's the weather in Paris tomorrow?",
          "What is the capital of Australia?",
          "write me a poem about cats",
          "How much is one bitcoin worth right now?",
          "How do you say thank you in Japanese?",
          "Can you suggest a good sci-fi movie for tonight?",
          "What time does the supermarket close on Sundays?");

  @BeforeAll
  static void answerTheDevSet() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    outcomes = DevSet.run(new Answerer(index, SharedRanker.get()), DevSet.load());
    System.out.println(
        "Dev set, story only: " + DevSet.score(outcomes) + DevSet.mistakes(outcomes));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void devSetIsBigEnoughToMeanSomething() {
    DevSet.Metrics m = DevSet.score(outcomes);
    assertThat(m.answerable()).isGreaterThanOrEqualTo(30);
    assertThat(m.unanswerable()).isGreaterThanOrEqualTo(10);
  }

  // The goals (first citation right >= 85 %, unanswerable abstained >= 90 %, answerable
  // abstained <= 10 %) are not all met on this dev set, whose paraphrased questions share at most
  // one content word with their answer (see the README's Quality section: the ranker and the
  // abstention model learned from SQuAD, where such questions are rare). The floors below sit at
  // or just under the figures reached with the shipped models, so a regression fails the build;
  // they are not the goals. (Since the models also learned from story-sized indexes: first
  // citation right 27/44, up from 24, and 27 of 37 answered; unanswerable abstained 11/20, down
  // from 13: that floor went from 0.60 to 0.55, the first-citation floors up. With e5 in the
  // second stage and five boosters a model: 29/44 right, 12/20 and 3/44 abstained, so the
  // answerable-abstention check is now the goal itself, 10 %. With negation and antonyms
  // in the abstention model and 15 boosters: 29/44 right as before, one answerable question fewer
  // abstained on (3 -> 2) and answered wrongly, so 29 of 42 answered are right, 0.69 (0.70 would
  // have asked the models to abstain on a third answerable question). See the README.)
  @Test
  void whenItAnswersTheFirstCitationIsUsuallyRight() {
    assertThat(DevSet.score(outcomes).precisionWhenAnswering())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.69);
  }

  @Test
  void firstCitationAnswersMostAnswerableQuestions() {
    assertThat(DevSet.score(outcomes).firstCitationAccuracy())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.65);
  }

  @Test
  void abstainsOnEveryOffTopicQuestionAndMostUnanswerableOnes() {
    assertThat(outcomes)
        .filteredOn(o -> OFF_TOPIC.contains(o.question().text()))
        .hasSize(OFF_TOPIC.size())
        .allSatisfy(o -> assertThat(o.answer().abstained()).as(o.question().text()).isTrue());
    assertThat(DevSet.score(outcomes).unanswerableAbstention())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.60);
    assertThat(outcomes)
        .filteredOn(o -> !o.answer().abstained())
        .allSatisfy(o -> assertThat(o.answer().citations()).isNotEmpty());
    assertThat(outcomes)
        .filteredOn(o -> o.answer().abstained())
        .allSatisfy(o -> assertThat(o.answer().citations()).isEmpty());
  }

  @Test
  void abstainsOnAtMostATenthOfAnswerableQuestions() {
    assertThat(DevSet.score(outcomes).answerableAbstention())
        .as(DevSet.mistakes(outcomes))
        .isLessThanOrEqualTo(0.10);
  }

  @Test
  void abstainsOnAnOffTopicQuestionButNotOnAParaphrase() {
    Answerer answerer = new Answerer(index, SharedRanker.get());
    assertThat(answerer.answer("Recommend a pasta recipe").abstained()).isTrue();
    assertThat(answerer.answer("Recommend a pasta recipe").citations()).isEmpty();
    Answer paraphrase = answerer.answer("Does the US want things in the Middle East to get worse?");
    assertThat(paraphrase.abstained()).isFalse();
    assertThat(paraphrase.text()).contains("[1]");
  }
}
