package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/**
 * The dev question set with the 2,225 BBC News articles of {@code ../shared/datasets} indexed
 * beside the story as distractors: the story's sentences must still be the ones cited.
 *
 * <p>The floors are what Storybot measurably reaches today (README, "Quality"), kept as regression
 * guards: answered questions cite the story first, and first-citation accuracy is no worse than on
 * the story alone. Abstention on unanswerable questions is the known weakness: among 41,000 general
 * news sentences some off-topic questions find a sentence that looks like an answer, and 9 of 20
 * abstain (11 of 20 on the story alone).
 */
class AnswerQualityWithDistractorsIT {
  static final Path CORPUS =
      Path.of(System.getProperty("storybot.shared", "../shared"), "datasets/bbc-news-2225.jsonl");
  static StoryIndex index;
  static List<DevSet.Outcome> outcomes;
  static List<DevSet.Outcome> storyOnly;
  static List<DevSet.Outcome> news;

  @BeforeAll
  static void answerTheDevSetAmongDistractors() {
    assertThat(CORPUS).as("the news corpus the distractor test needs").exists();
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    List<Article> articles =
        new ArrayList<>(Articles.readAll(Path.of("index/articles")).articles());
    index.sync(articles);
    storyOnly = DevSet.run(new Answerer(index, SharedRanker.get()), DevSet.load());
    Articles.Batch bbc = Articles.readAll(CORPUS);
    assertThat(bbc.problems()).isEmpty();
    articles.addAll(bbc.articles());
    index.sync(articles);
    outcomes = DevSet.run(new Answerer(index, SharedRanker.get()), DevSet.load());
    System.out.println(
        "Dev set, story + "
            + bbc.articles().size()
            + " BBC articles ("
            + index.sentenceCount()
            + " sentences): "
            + DevSet.score(outcomes)
            + DevSet.mistakes(outcomes));
    news = DevSet.run(new Answerer(index, SharedRanker.get()), DevSet.load(DevSet.NEWS));
    System.out.println(
        "News questions about BBC articles, same index: "
            + DevSet.score(news)
            + DevSet.mistakes(news));
  }

  @AfterAll
  static void close() {
    if (index != null) index.close();
  }

  @Test
  void indexesThousandsOfDistractors() throws Exception {
    assertThat(index.articles()).hasSizeGreaterThan(2000);
    assertThat(Files.size(CORPUS)).isPositive();
  }

  @Test
  void theStorysSentencesStillWin() {
    List<DevSet.Outcome> answered =
        outcomes.stream()
            .filter(o -> o.question().answerable() && !o.answer().abstained())
            .toList();
    long fromStory =
        answered.stream()
            .filter(o -> o.answer().citations().getFirst().articleId().startsWith("000-"))
            .count();
    System.out.println("story cited first: " + fromStory + "/" + answered.size());
    assertThat((double) fromStory / answered.size())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void qualityHoldsAgainstTheStoryOnlyIndex() {
    DevSet.Metrics with = DevSet.score(outcomes);
    DevSet.Metrics without = DevSet.score(storyOnly);
    assertThat(with.firstCitationAccuracy())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(without.firstCitationAccuracy() - 0.05);
    // 27 of 39 answered (69 %) when measured (28 of 39 before e5 in the second stage); 28 of 43
    // (65 %) before the learned models
    assertThat(with.precisionWhenAnswering())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.60);
    // A regression floor (8/44 measured: three answers from distractors whose article never names
    // what the question names, e.g. "the Pentagon", are not given; 5/44 before), not the issue's
    // 10 % goal (see the README).
    assertThat(with.answerableAbstention()).isLessThanOrEqualTo(0.25);
  }

  @Test
  void offTopicQuestionsStillAbstainSometimes() {
    // A regression floor (10/20 measured: "What did Russia say?" since answers from an article
    // that never names Russia are not given; 9/20 since tasks such as "suggest a film" are
    // declined before any search; 7/20 before), not the 90 % goal.
    assertThat(DevSet.score(outcomes).unanswerableAbstention())
        .as(DevSet.mistakes(outcomes))
        .isGreaterThanOrEqualTo(0.45);
    assertThat(outcomes)
        .filteredOn(o -> AnswerQualityTest.OFF_TOPIC.contains(o.question().text()))
        .filteredOn(o -> o.answer().abstained())
        .hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void everyAnswerOfTheNewsQuestionsIsASentenceOfTheIndex() {
    Set<String> sentences = new HashSet<>();
    for (Article a : Articles.readAll(CORPUS).articles()) {
      a.sentences().forEach(s -> sentences.add(s.text()));
    }
    List<DevSet.Question> questions = DevSet.load(DevSet.NEWS);
    assertThat(questions).hasSizeGreaterThanOrEqualTo(60);
    for (DevSet.Question q : questions) {
      assertThat(sentences).as(q.text()).containsAll(q.answers());
    }
  }

  @Test
  void questionsAboutOtherArticlesAreAnsweredFromThem() {
    DevSet.Metrics m = DevSet.score(news);
    // Regression floors under what was measured (30/48 right, 6/48 and 5/14 abstained; README,
    // "Quality"), not goals.
    assertThat(m.firstCitationAccuracy()).as(DevSet.mistakes(news)).isGreaterThanOrEqualTo(0.55);
    assertThat(m.answerableAbstention()).as(DevSet.mistakes(news)).isLessThanOrEqualTo(0.20);
    assertThat(m.unanswerableAbstention()).as(DevSet.mistakes(news)).isGreaterThanOrEqualTo(0.28);
  }
}
