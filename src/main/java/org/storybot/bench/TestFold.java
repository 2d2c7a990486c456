package org.storybot.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.storybot.answer.Answerer;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Folds;
import org.storybot.rank.Ranker;
import org.storybot.rank.Squad;

/**
 * The learned ranking on the test fold ({@link Folds#isTest}): every paragraph of a SQuAD file is
 * indexed, but only questions about the test fold's Wikipedia articles are asked, so the shipped
 * models never learned from any of them. The ranker's order gives P@1 and MRR (ReQA's protocol);
 * the answerer's verdict on it ({@link Answerer#answers}: the abstention model, and whether the
 * best sentence's article names what the question names) gives abstention.
 */
final class TestFold {
  /**
   * The figures of one file.
   *
   * @param ranked answerable questions whose gold sentence the ranker placed somewhere
   */
  record Result(
      int answerable,
      double p1,
      double mrr,
      int answered,
      int answeredRight,
      int answerableAbstained,
      int unanswerable,
      int unanswerableAbstained) {}

  private TestFold() {}

  static Result run(Squad.Data data, Embedder embedder, Ranker ranker, int maxQuestions) {
    List<Squad.Question> asked = new ArrayList<>();
    for (Squad.Paragraph p : data.paragraphs()) {
      if (!Folds.isTest(Folds.of(p.topic()))) continue;
      for (Squad.Question q : p.questions()) {
        if (asked.size() < maxQuestions && q.text().codePoints().anyMatch(Character::isLetter)) {
          asked.add(q);
        }
      }
    }
    int answerable = 0, answered = 0, right = 0, abstainedA = 0, unanswerable = 0, abstainedU = 0;
    double p1 = 0, mrr = 0;
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      index.sync(data.articles());
      Answerer answerer = new Answerer(index, ranker);
      for (Squad.Question q : asked) {
        Ranker.Ranking r = answerer.rank(q.text());
        boolean answers = answerer.answers(q.text(), r);
        if (q.impossible()) {
          unanswerable++;
          if (!answers) abstainedU++;
          continue;
        }
        answerable++;
        int rank = rank(r, q);
        if (rank > 0) {
          mrr += 1.0 / rank;
          if (rank == 1) p1++;
        }
        if (!answers) abstainedA++;
        else {
          answered++;
          if (rank == 1) right++;
        }
      }
    }
    int n = Math.max(1, answerable);
    return new Result(
        answerable, p1 / n, mrr / n, answered, right, abstainedA, unanswerable, abstainedU);
  }

  /** The 1-based rank of the first gold sentence in the ranker's order, or 0 if absent. */
  private static int rank(Ranker.Ranking r, Squad.Question q) {
    for (int i = 0; i < r.best().size(); i++) {
      if (q.gold().contains(r.best().get(i).candidate().sentence().text())) return i + 1;
    }
    return 0;
  }
}
