package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.Candidate;
import org.storybot.index.Retrieved;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

class FeaturesTest {
  static StoryIndex index;

  @BeforeAll
  static void indexOneArticle() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(
        List.of(
            Articles.of(
                "castle",
                "The old castle",
                "Wire",
                null,
                null,
                "The castle stands on a hill above the river. It was built by William Longsword"
                    + " in 1066. Three hundred soldiers lived there in winter.")));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  static float feature(Retrieved r, String sentenceStart, String name) {
    float[][] rows = Features.of(r);
    for (int i = 0; i < rows.length; i++) {
      Candidate c = r.candidates().get(i);
      if (c.sentence().text().startsWith(sentenceStart))
        return rows[i][Features.NAMES.indexOf(name)];
    }
    throw new AssertionError("not retrieved: " + sentenceStart);
  }

  @Test
  void everyRowHasEveryNamedFeature() {
    Retrieved r = index.retrieve("Who built the castle?");
    for (float[] row : Features.of(r)) assertThat(row).hasSize(Features.NAMES.size());
    assertThat(Features.NAMES).doesNotHaveDuplicates();
  }

  @Test
  void saysHowLargeTheIndexIsSoTermStatisticsCanBeReadInProportion() {
    Retrieved r = index.retrieve("Who built the castle?");
    assertThat(r.sentences()).isEqualTo(3);
    assertThat(feature(r, "It was built", "index_sentences_log"))
        .isCloseTo((float) Math.log10(3), org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void coverageCountsTheQuestionsTermsInTheSentenceAndAroundIt() {
    Retrieved r = index.retrieve("Who built the castle?");
    assertThat(feature(r, "It was built", "coverage")).isBetween(0.2f, 0.99f);
    assertThat(feature(r, "It was built", "coverage_near"))
        .isGreaterThan(feature(r, "It was built", "coverage"));
    assertThat(feature(r, "It was built", "coverage_article")).isEqualTo(1f);
  }

  @Test
  void answerTypeAgreesWhenTheSentenceHoldsWhatTheQuestionAsksFor() {
    assertThat(feature(index.retrieve("Who built the castle?"), "It was built", "type_agrees"))
        .isEqualTo(1f);
    assertThat(feature(index.retrieve("When was the castle built?"), "It was built", "type_agrees"))
        .isEqualTo(1f);
    Retrieved many = index.retrieve("How many soldiers lived there?");
    assertThat(feature(many, "Three hundred soldiers", "type_agrees")).isEqualTo(1f);
    assertThat(feature(many, "The castle stands", "type_agrees")).isZero();
  }

  @Test
  void aRareQuestionTermFoundNowhereNearIsMeasured() {
    Retrieved r = index.retrieve("Who painted the castle's drawbridge?");
    assertThat(feature(r, "It was built", "missing_near_max_idf")).isGreaterThan(1f);
    assertThat(feature(r, "It was built", "missing_article_max_idf")).isGreaterThan(1f);
  }

  @Test
  void longestRunCountsStemsInOrderSideBySide() {
    assertThat(Features.longestRun(List.of("a", "b", "c", "d"), List.of("x", "b", "c", "d", "a")))
        .isEqualTo(3);
    assertThat(Features.longestRun(List.of("a"), List.of("b"))).isZero();
  }

  @Test
  void questionKindsAreRead() {
    assertThat(Question.kind("Who is Kirby?")).isEqualTo(Question.Kind.WHO);
    assertThat(Question.kind("In what year did it burn?")).isEqualTo(Question.Kind.WHEN);
    assertThat(Question.kind("how many drones were launched")).isEqualTo(Question.Kind.QUANTITY);
    assertThat(Question.kind("Why did Iran fire on Israel?")).isEqualTo(Question.Kind.WHY);
    assertThat(Question.kind("Is the US looking for war?")).isEqualTo(Question.Kind.YES_NO);
    assertThat(Question.kind("Biden Netanyahu call")).isEqualTo(Question.Kind.OTHER);
  }
}
