package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

/** The dev question set over the story alone: the figures the README reports. */
class AnswerQualityTest {
  static StoryIndex index;
  static List<DevSet.Outcome> outcomes;

  @BeforeAll
  static void answerTheDevSet() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    outcomes = DevSet.run(new Answerer(index), DevSet.load());
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

  // Floors at the figures reached on this deliberately hard dev set (see the README): the issue's
  // targets (85 % first-citation accuracy, 90 % abstention on unanswerable questions) are not met
  // by an offline bi-encoder here. These catch regressions; the 10 % wrongful-abstention cap is
  // met.
  @Test
  void firstCitationAnswersMostAnswerableQuestions() {
    assertThat(DevSet.score(outcomes).firstCitationAccuracy())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.60);
  }

  @Test
  void abstainsOnEveryOffTopicQuestionAndSomeOnTopicOnes() {
    assertThat(DevSet.score(outcomes).unanswerableAbstention())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.55);
    assertThat(outcomes)
        .filteredOn(o -> o.question().kind().equals("unanswerable") && !o.answer().abstained())
        .allSatisfy(o -> assertThat(o.answer().citations()).isNotEmpty());
  }

  @Test
  void abstainsOnAtMost10PercentOfAnswerableQuestions() {
    assertThat(DevSet.score(outcomes).answerableAbstention())
        .as(DevSet.mistakes(outcomes))
        .isLessThanOrEqualTo(0.10);
  }

  @Test
  void abstainsOnAnOffTopicQuestionButNotOnAParaphrase() {
    Answerer answerer = new Answerer(index);
    assertThat(answerer.answer("Recommend a pasta recipe").abstained()).isTrue();
    assertThat(answerer.answer("Recommend a pasta recipe").citations()).isEmpty();
    Answer paraphrase = answerer.answer("Does Washington want a bigger conflict with Tehran?");
    assertThat(paraphrase.abstained()).isFalse();
    assertThat(paraphrase.text()).contains("[1]");
  }
}
