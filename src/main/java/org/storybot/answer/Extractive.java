package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.storybot.index.IndexedSentence;
import org.storybot.rank.Ranker;

/**
 * Builds an answer from the source sentences themselves: the best-ranked sentence, plus one more
 * when the cross-encoder is as sure that it answers the question too and it adds something new.
 */
final class Extractive {
  static final int MAX_SENTENCES = 2;

  /**
   * A further sentence's cross-encoder logit must reach this (a probability of about 0.8 that it
   * answers the question on its own) ...
   */
  static final float SURE = 1.4f;

  /** ... and come within this of the best sentence's. */
  static final float CLOSE_TO_BEST = 1.0f;

  /** Two sentences sharing this share of their terms say the same thing. */
  static final double SAME_THING = 0.6;

  private Extractive() {}

  /** The sentences to cite, best first: never empty for a ranking that answers. */
  static List<IndexedSentence> choose(Ranker.Ranking ranking, Function<String, Set<String>> terms) {
    List<Ranker.Scored> best = ranking.best();
    IndexedSentence first = best.getFirst().candidate().sentence();
    float bar = Math.max(SURE, best.getFirst().crossEncoder() - CLOSE_TO_BEST);
    List<IndexedSentence> chosen = new ArrayList<>(List.of(first));
    List<Set<String>> chosenTerms = new ArrayList<>(List.of(terms.apply(first.text())));
    for (Ranker.Scored s : best.subList(1, best.size())) {
      if (chosen.size() == MAX_SENTENCES) break;
      if (!(s.crossEncoder() >= bar)) continue; // NaN: the cross-encoder did not read it
      Set<String> t = terms.apply(s.candidate().sentence().text());
      if (chosenTerms.stream().noneMatch(c -> overlap(c, t) >= SAME_THING)) {
        chosen.add(s.candidate().sentence());
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
