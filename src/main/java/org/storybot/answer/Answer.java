package org.storybot.answer;

import java.util.List;
import java.util.Objects;

/**
 * An answer to one question.
 *
 * @param question the question as asked
 * @param text the answer; every claim carries {@code [n]} markers pointing into {@code citations}
 * @param citations the sources, numbered 1..n in order of first use; each is used by the text
 * @param abstained true when the articles do not contain the answer (then there are no citations)
 */
public record Answer(String question, String text, List<Citation> citations, boolean abstained) {
  public Answer {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(text, "text");
    citations = List.copyOf(citations);
    if (abstained && !citations.isEmpty()) {
      throw new IllegalArgumentException("an abstaining answer cites nothing");
    }
    for (int i = 0; i < citations.size(); i++) {
      if (citations.get(i).n() != i + 1) {
        throw new IllegalArgumentException("citations must be numbered 1.." + citations.size());
      }
    }
  }

  /**
   * Whether this answer quotes {@code sentence}: cites it, or has it in its text (a turn read back
   * from the shared database keeps only its text).
   */
  public boolean quotes(String sentence) {
    if (abstained) return false;
    return text.contains(sentence)
        || citations.stream().anyMatch(c -> c.sentence().equals(sentence));
  }

  /** The plain abstention for {@code question}. */
  public static Answer abstain(String question) {
    return new Answer(question, ABSTENTION, List.of(), true);
  }

  /**
   * An abstention that says why in its own words (a task the bot does not do, such as "write me a
   * poem"): nothing from the articles answers it, so nothing is cited.
   */
  public static Answer decline(String question, String text) {
    return new Answer(question, text, List.of(), true);
  }

  /** A reply that is neither an answer nor an abstention (a greeting gets a hint): no citations. */
  public static Answer reply(String question, String text) {
    return new Answer(question, text, List.of(), false);
  }

  /** What an abstaining answer says. */
  public static final String ABSTENTION =
      "The articles I have don't say. I found nothing in them that answers this question.";
}
