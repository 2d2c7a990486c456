package org.storybot.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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

  /**
   * The figures of {@link #yesNo}, over the same questions.
   *
   * @param asked as SQuAD asks them
   * @param claimed as yes/no questions claiming their own answer
   * @param misclaimed as yes/no questions claiming another question's answer
   */
  record YesNoResults(Result asked, Result claimed, Result misclaimed) {}

  private TestFold() {}

  static Result run(Squad.Data data, Embedder embedder, Ranker ranker, int maxQuestions) {
    try (StoryIndex index = indexOf(data, embedder)) {
      return run(index, data, ranker, maxQuestions);
    }
  }

  /** Every paragraph of {@code data} in an index, as {@link #run} and {@link #yesNo} ask it. */
  static StoryIndex indexOf(Squad.Data data, Embedder embedder) {
    StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC());
    index.sync(data.articles());
    return index;
  }

  /** As {@link #run(Squad.Data, Embedder, Ranker, int)}, over {@link #indexOf data's index}. */
  static Result run(StoryIndex index, Squad.Data data, Ranker ranker, int maxQuestions) {
    List<Squad.Question> asked = new ArrayList<>();
    for (Squad.Paragraph p : data.paragraphs()) {
      if (!Folds.isTest(Folds.of(p.topic()))) continue;
      for (Squad.Question q : p.questions()) {
        if (asked.size() < maxQuestions && q.text().codePoints().anyMatch(Character::isLetter)) {
          asked.add(q);
        }
      }
    }
    return ask(new Answerer(index, ranker), asked);
  }

  /**
   * The figures of the test fold's answerable questions asked as yes/no questions ({@link YesNo}):
   * claiming their own answer ("Did Luther write the 95 Theses?"), and claiming the answer of
   * another question about the same paragraph, one that another sentence holds ("Did Luther write
   * Wittenberg?"). The same questions in both, each with its own gold sentence: the one that
   * settles the claim. {@code index} is {@link #indexOf data's index}.
   */
  static YesNoResults yesNo(StoryIndex index, Squad.Data data, Ranker ranker) {
    List<Squad.Question> asked = new ArrayList<>();
    List<Squad.Question> claimed = new ArrayList<>();
    List<Squad.Question> misclaimed = new ArrayList<>();
    for (Squad.Paragraph p : data.paragraphs()) {
      if (!Folds.isTest(Folds.of(p.topic()))) continue;
      for (Squad.Question q : p.questions()) {
        if (q.impossible()) continue;
        Optional<String> right = YesNo.of(q.text(), q.answer());
        Optional<String> wrong = otherAnswer(p, q).flatMap(other -> YesNo.of(q.text(), other));
        if (right.isEmpty() || wrong.isEmpty()) continue;
        asked.add(q);
        claimed.add(new Squad.Question(q.id(), right.get(), q.gold(), false, q.answer()));
        misclaimed.add(new Squad.Question(q.id(), wrong.get(), q.gold(), false, null));
      }
    }
    Answerer answerer = new Answerer(index, ranker);
    return new YesNoResults(
        ask(answerer, asked), ask(answerer, claimed), ask(answerer, misclaimed));
  }

  /** The answer of another question about {@code p} that other sentences hold, short and unlike. */
  private static Optional<String> otherAnswer(Squad.Paragraph p, Squad.Question q) {
    for (Squad.Question o : p.questions()) {
      if (o == q || o.impossible() || o.answer() == null) continue;
      if (o.answer().equalsIgnoreCase(q.answer()) || o.answer().split("\\s+").length > 4) continue;
      if (Collections.disjoint(o.gold(), q.gold())) return Optional.of(o.answer());
    }
    return Optional.empty();
  }

  private static Result ask(Answerer answerer, List<Squad.Question> asked) {
    int answerable = 0, answered = 0, right = 0, abstainedA = 0, unanswerable = 0, abstainedU = 0;
    double p1 = 0, mrr = 0;
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
