package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;
import org.storybot.index.Retrieved;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

/** The shipped models on a small index. */
class RankerTest {
  static StoryIndex index;

  @BeforeAll
  static void indexTwoArticles() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(
        List.of(
            Articles.of(
                "castle",
                "Storm damages the old castle",
                "Wire",
                null,
                "2024-03-02",
                "A storm hit the coast on Friday night. The castle, built by the Normans in 1066,"
                    + " lost part of its roof. The mayor said repairs would cost two million"
                    + " pounds. Visitors will be kept away until the summer."),
            Articles.of(
                "harbour",
                "Fishing fleet stays in port",
                "Wire",
                null,
                "2024-03-03",
                "Fishing boats stayed in the harbour for a second day. The harbour master said the"
                    + " waves were too high. Prices at the fish market rose by a third.")));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void ranksTheSentenceThatAnswersFirstAndIsConfident() {
    Ranker.Ranking r = SharedRanker.get().rank(index.retrieve("How much will the repairs cost?"));
    assertThat(r.best().getFirst().candidate().sentence().text())
        .startsWith("The mayor said repairs would cost two million pounds.");
    assertThat(r.answers()).isTrue();
    assertThat(r.confidence()).isGreaterThan(0.5f);
  }

  @Test
  void everyCandidateComesBackOnceScoredTopFirst() {
    Retrieved retrieved = index.retrieve("Why did the boats stay in the harbour?");
    Ranker.Ranking r = SharedRanker.get().rank(retrieved);
    assertThat(r.best()).hasSameSizeAs(retrieved.candidates());
    assertThat(r.best()).extracting(s -> s.candidate().sentence().key()).doesNotHaveDuplicates();
    List<Ranker.Scored> read = r.best().subList(0, Math.min(SecondStage.DEPTH, r.best().size()));
    assertThat(read).hasSizeGreaterThan(2);
    assertThat(read).allSatisfy(s -> assertThat(s.crossEncoder()).isNotNaN());
    for (int i = 1; i < read.size(); i++) {
      assertThat(read.get(i).score()).isLessThanOrEqualTo(read.get(i - 1).score());
    }
    assertThat(r.best().getFirst().candidate().sentence().articleId()).isEqualTo("harbour");
  }

  @Test
  void isNotConfidentAboutAQuestionTheArticlesDoNotAnswer() {
    Ranker.Ranking r = SharedRanker.get().rank(index.retrieve("Who won the football match?"));
    assertThat(r.answers()).isFalse();
  }

  @Test
  void refusesAModelFolderThatLacksAFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(Ranker.MANIFEST), "{\"threshold\": 0.5}");
    assertThatThrownBy(() -> Ranker.from(dir))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(Ranker.FIRST);
  }
}
