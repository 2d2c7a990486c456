package org.storybot.bench;

import java.time.Clock;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.EmptyQuestionException;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;

/**
 * Abstention on a SQuAD 2.0 file: every paragraph indexed, every question answered; unanswerable
 * questions should abstain, answerable ones should not, and their first citation should hold an
 * answer.
 */
final class Abstention {
  /** The figures of one file. */
  record Result(
      int paragraphs,
      int unanswerable,
      int abstainedUnanswerable,
      int answerable,
      int abstainedAnswerable,
      int firstCitationRight,
      int skipped) {}

  private Abstention() {}

  static Result run(Squad.Data data, Embedder embedder, int maxQuestions) {
    int unanswerable = 0, abstainedU = 0, answerable = 0, abstainedA = 0, right = 0, skipped = 0;
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      index.sync(data.articles());
      Answerer answerer = new Answerer(index);
      int asked = 0;
      for (Squad.Paragraph p : data.paragraphs()) {
        for (Squad.Question q : p.questions()) {
          if (asked++ >= maxQuestions) break;
          Answer a;
          try {
            a = answerer.answer(q.text());
          } catch (EmptyQuestionException e) {
            skipped++; // SQuAD holds a few questions with no words
            continue;
          }
          if (q.impossible()) {
            unanswerable++;
            if (a.abstained()) abstainedU++;
          } else {
            answerable++;
            if (a.abstained()) abstainedA++;
            else if (q.gold().contains(a.citations().getFirst().sentence())) right++;
          }
        }
      }
    }
    return new Result(
        data.paragraphs().size(), unanswerable, abstainedU, answerable, abstainedA, right, skipped);
  }
}
