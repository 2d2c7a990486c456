package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.Candidate;
import org.storybot.rank.Ranker;

/**
 * A kind of question whose answer can be recognised in a sentence ("what did Kirby say?": one that
 * reports Kirby's words): the best-ranked sentence that {@link #fits} is put first.
 */
interface Preferred {
  /** Whether {@code sentence} answers the question. */
  boolean fits(String sentence);

  /** Whether {@code candidate} answers the question, read with its neighbours when need be. */
  default boolean fits(Candidate candidate) {
    return fits(candidate.sentence().text());
  }

  /**
   * {@code ranking} with its best-placed sentence that {@link #fits} first, judged to answer; empty
   * when none of its candidates does.
   */
  default Optional<Ranker.Ranking> answer(Ranker.Ranking ranking) {
    List<Ranker.Scored> best = ranking.best();
    for (int i = 0; i < best.size(); i++) {
      if (fits(best.get(i).candidate())) {
        List<Ranker.Scored> reordered = new ArrayList<>(best.size());
        reordered.add(best.get(i));
        for (int j = 0; j < best.size(); j++) if (j != i) reordered.add(best.get(j));
        return Optional.of(new Ranker.Ranking(reordered, ranking.confidence(), true));
      }
    }
    return Optional.empty();
  }

  /** A word, perhaps with an apostrophe inside ("Iran's", "don't"). */
  Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)?");

  /** The words of {@code text}, a possessive's "'s" dropped ("Iran's" is "Iran"). */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) out.add(unpossessed(m.group()));
    return out;
  }

  /** {@code word} without a possessive's "'s" ("Iran's" is "Iran"). */
  static String unpossessed(String word) {
    return word.replaceAll("['\u2019][sS]$", "");
  }

  /**
   * {@code question} in lower case, its final marks, a "please" at its end and extra spaces
   * dropped, for the patterns.
   */
  static String plain(String question) {
    return question
        .toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'')
        .replaceAll("[?!.]+\\s*$", "")
        .replaceAll("[,\\s]+(?:please|pls|plz)$", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }
}
