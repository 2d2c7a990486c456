package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;
import org.storybot.rank.Squad;

/**
 * The shipped models on the held-out test fold of SQuAD (the Wikipedia articles no model learned
 * from): the ReQA goals, measured.
 */
class HeldOutFoldIT {
  static final Path DATASETS =
      Path.of(System.getProperty("storybot.shared", "../shared"), "datasets");

  /** SQuAD v1.1 and its index (10,203 sentences embedded), built once for the tests asking it. */
  static Squad.Data squad;

  static StoryIndex squadIndex;

  @BeforeAll
  static void indexSquad() {
    squad = Squad.read(DATASETS.resolve(Bench.SQUAD), Integer.MAX_VALUE);
    squadIndex = TestFold.indexOf(squad, SharedEmbedder.get());
  }

  @AfterAll
  static void close() {
    squadIndex.close();
  }

  @Test
  void answerSentenceSelectionMeetsTheGoalsOnHeldOutArticles() {
    TestFold.Result r = TestFold.run(squadIndex, squad, SharedRanker.get(), Integer.MAX_VALUE);

    System.out.println("SQuAD v1.1 test fold: " + r);
    assertThat(r.answerable()).isGreaterThan(1500);
    assertThat(r.p1()).isGreaterThanOrEqualTo(0.75);
    assertThat(r.mrr()).isGreaterThanOrEqualTo(0.82);
    assertThat((double) r.answerableAbstained() / r.answerable()).isLessThanOrEqualTo(0.10);
  }

  @Test
  void ranksYesNoQuestionsAsWellAsTheQuestionsTheyWereMadeFrom() {
    TestFold.YesNoResults r = TestFold.yesNo(squadIndex, squad, SharedRanker.get());
    TestFold.Result claimed = r.claimed();
    TestFold.Result misclaimed = r.misclaimed();

    System.out.println("SQuAD v1.1 test fold, the questions made yes/no: " + r.asked());
    System.out.println("SQuAD v1.1 test fold as yes/no, their own answer claimed: " + claimed);
    System.out.println("SQuAD v1.1 test fold as yes/no, another answer claimed: " + misclaimed);
    assertThat(claimed.answerable()).isGreaterThan(800);
    assertThat(claimed.p1()).isGreaterThanOrEqualTo(0.75);
    assertThat((double) claimed.answerableAbstained() / claimed.answerable())
        .isLessThanOrEqualTo(0.10);
    // A claim naming what another sentence holds draws the ranker to that sentence: 0.64
    // measured (README, Held-out figures), a regression floor, not a goal met.
    assertThat(misclaimed.p1()).isGreaterThanOrEqualTo(0.55);
  }

  @Test
  void abstainsOnUnanswerableQuestionsWithoutLosingAnswerableOnes() {
    Squad.Data squad2 = Squad.read(DATASETS.resolve(Bench.SQUAD2.getFirst()), Integer.MAX_VALUE);
    TestFold.Result r =
        TestFold.run(squad2, SharedEmbedder.get(), SharedRanker.get(), Integer.MAX_VALUE);

    System.out.println("SQuAD 2.0 test fold: " + r);
    assertThat(r.unanswerable()).isGreaterThan(500);
    assertThat((double) r.answerableAbstained() / r.answerable()).isLessThanOrEqualTo(0.10);
    // Far below the 50 % goal (README, Quality): a regression floor, not the goal. 7.9 %
    // measured since an answer from an article that never names what the question names is not
    // given (4.2 % before).
    assertThat((double) r.unanswerableAbstained() / r.unanswerable()).isGreaterThanOrEqualTo(0.06);
  }
}
