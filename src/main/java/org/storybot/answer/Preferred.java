package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.storybot.index.Candidate;
import org.storybot.rank.Ranker;

/**
 * A kind of question whose answer can be recognised in a sentence ("what did Kirby say?": one that
 * reports Kirby's words): the best-ranked sentence that {@link #fits} is put first.
 */
interface Preferred {
  /**
   * The kinds of question {@code asked} is whose answer a sentence shows: "what did Kirby say?"
   * ({@link SaidBy}), "who is Biden?" ({@link WhoIs}), "what did Iran do?" ({@link DidWhat}), "what
   * happened on Sunday?" ({@link HappenedWhen}). Empty for most questions.
   */
  static List<Preferred> kinds(String asked) {
    return Stream.of(SaidBy.of(asked), WhoIs.of(asked), DidWhat.of(asked), HappenedWhen.of(asked))
        .<Preferred>flatMap(Optional::stream)
        .toList();
  }

  /** Whether {@code sentence} answers the question. */
  boolean fits(String sentence);

  /** Whether {@code candidate} answers the question, read with its neighbours when need be. */
  default boolean fits(Candidate candidate) {
    return fits(candidate.sentence().text());
  }

  /**
   * The words naming whom the question asks about, lower case ("kirby"): a name however typed,
   * which the answer's article must use ("what did putin say?" is not answered by a sentence about
   * Kirby). Empty when it asks about no one.
   */
  default List<String> subject() {
    return List.of();
  }

  /** How many of the ranker's best are looked at; all of them unless a kind says otherwise. */
  default int depth() {
    return Integer.MAX_VALUE;
  }

  /**
   * Whether a sentence that fits answers the question whatever the abstention model judged (it
   * doubts broad questions such as "what did Kirby say?"); else its verdict stands.
   */
  default boolean settles() {
    return true;
  }

  /**
   * {@code ranking} with its best-placed sentence that {@link #fits} first, judged to answer; empty
   * when none of its candidates does.
   */
  default Optional<Ranker.Ranking> answer(Ranker.Ranking ranking) {
    return answer(ranking, Set.of());
  }

  /**
   * As {@link #answer(Ranker.Ranking)}, preferring a sentence whose key is not in {@code shown}
   * (already cited for another part of the message) when one fits.
   */
  default Optional<Ranker.Ranking> answer(Ranker.Ranking ranking, Set<String> shown) {
    List<Ranker.Scored> best = ranking.best();
    int depth = Math.min(depth(), best.size());
    int chosen = -1;
    for (int i = 0; i < depth; i++) {
      Ranker.Scored s = best.get(i);
      if (!fits(s.candidate())) continue;
      if (!shown.contains(s.candidate().sentence().key())) {
        chosen = i;
        break;
      }
      if (chosen < 0) chosen = i;
    }
    if (chosen < 0) return Optional.empty();
    List<Ranker.Scored> reordered = new ArrayList<>(best.size());
    reordered.add(best.get(chosen));
    for (int j = 0; j < best.size(); j++) if (j != chosen) reordered.add(best.get(j));
    boolean answers = settles() || ranking.answers();
    return Optional.of(new Ranker.Ranking(reordered, ranking.confidence(), answers));
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

  /** The words of {@code list}, separated by white space (a text block of words). */
  static Set<String> listed(String list) {
    return Set.of(list.strip().split("\\s+"));
  }

  static String lower(String word) {
    return word.toLowerCase(Locale.ROOT);
  }
}
