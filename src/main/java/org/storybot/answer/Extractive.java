package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds an answer from the source sentences themselves: the best supporting sentence, plus up to
 * {@link #MAX_SENTENCES}-1 more that support the answer nearly as well and add something new.
 */
final class Extractive {
  static final int MAX_SENTENCES = 2;

  /** A further sentence must reach this share of the best sentence's support. */
  static final double CLOSE_TO_BEST = 0.9;

  /** Two sentences sharing this share of their terms say the same thing. */
  static final double SAME_THING = 0.6;

  private Extractive() {}

  /** The sentences to cite, best first; empty when the best falls below the threshold. */
  static List<Evidence> choose(List<Evidence> ranked, Function<String, Set<String>> terms) {
    if (!Support.answers(ranked)) return List.of();
    Evidence best = ranked.getFirst();
    List<Evidence> chosen = new ArrayList<>(List.of(best));
    List<Set<String>> chosenTerms = new ArrayList<>(List.of(terms.apply(best.sentence().text())));
    for (Evidence e : ranked.subList(1, ranked.size())) {
      if (chosen.size() == MAX_SENTENCES) break;
      if (e.support() < Math.max(Support.THRESHOLD, CLOSE_TO_BEST * best.support())) break;
      Set<String> t = terms.apply(e.sentence().text());
      if (chosenTerms.stream().noneMatch(c -> overlap(c, t) >= SAME_THING)) {
        chosen.add(e);
        chosenTerms.add(t);
      }
    }
    return chosen;
  }

  private static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) return 0;
    long common = a.stream().filter(b::contains).count();
    return (double) common / Math.min(a.size(), b.size());
  }
}
