package org.storybot.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import org.storybot.index.Candidate;
import org.storybot.index.Retrieved;

/**
 * The ranker's features: one definition, used to score candidates at serving time and to log them
 * for training, so the two cannot drift. Each feature has a name; a model file lists the names it
 * was trained on and is refused when they differ from {@link #NAMES}.
 *
 * <p>Stateless and thread-safe.
 */
final class Features {
  /** A rank beyond the end of a list. */
  static final float ABSENT_RANK = 100;

  private record Def(String name, ToDoubleBiFunction<Question, View> value) {}

  /** A candidate with the sets several features share, worked out once. */
  record View(
      Candidate c,
      Set<String> stems,
      Set<String> words,
      Set<String> names,
      List<String> spelt,
      AnswerTypes holds) {
    static View of(Candidate c) {
      Set<String> words = new HashSet<>();
      Set<String> names = new HashSet<>();
      List<String> spelt = Question.words(c.sentence().text());
      for (int i = 0; i < spelt.size(); i++) {
        String w = spelt.get(i);
        String lower = w.toLowerCase(Locale.ROOT);
        words.add(lower);
        boolean capitalised = Character.isUpperCase(w.codePointAt(0));
        if (w.chars().anyMatch(Character::isDigit) || (capitalised && i > 0)) names.add(lower);
      }
      AnswerTypes holds = AnswerTypes.of(c.sentence().text(), spelt, words);
      return new View(c, new HashSet<>(c.stems()), words, names, spelt, holds);
    }
  }

  private static final List<Def> BASE = new ArrayList<>();

  static {
    def("bm25", (q, v) -> v.c().bm25());
    def("bm25_share", (q, v) -> q.idfSum == 0 ? 0 : v.c().bm25() / q.idfSum);
    def("context_bm25", (q, v) -> v.c().contextBm25());
    def("cosine", (q, v) -> v.c().similarity());
    def("rank_sentence", (q, v) -> rank(v.c().sentenceRank()));
    def("rank_lexical", (q, v) -> rank(v.c().lexicalRank()));
    def("rank_vector", (q, v) -> rank(v.c().vectorRank()));
    def(
        "rrf",
        (q, v) -> rrf(v.c().sentenceRank()) + rrf(v.c().lexicalRank()) + rrf(v.c().vectorRank()));
    def("coverage", (q, v) -> coverage(q, v.stems()));
    def("coverage_exact", (q, v) -> exact(q, v.words()));
    def("coverage_near", (q, v) -> near(q, v));
    def("coverage_article", (q, v) -> coverage(q, v.c().articleStems()));
    def("missing_near_max_idf", (q, v) -> missingMaxIdf(q, v, false));
    def("missing_article_max_idf", (q, v) -> missingMaxIdf(q, v, true));
    def("missing_near_count", (q, v) -> missingNear(q, v));
    def("bigrams", (q, v) -> bigrams(q, v.c().stems()));
    def("longest_run", (q, v) -> longestRun(q.stems, v.c().stems()));
    def("names_shared", (q, v) -> namesShared(q, v));
    def("sentence_names_in_question", (q, v) -> sentenceNamesInQuestion(q, v));
    def("question_names", (q, v) -> q.entities.size());
    for (Question.Kind k : Question.Kind.values()) {
      def("kind_" + k.name().toLowerCase(Locale.ROOT), (q, v) -> q.kind == k ? 1 : 0);
    }
    def("has_number", (q, v) -> bit(v.holds().number()));
    def("has_date", (q, v) -> bit(v.holds().date()));
    def("has_person", (q, v) -> bit(v.holds().person()));
    def("has_place", (q, v) -> bit(v.holds().place()));
    def("has_cause", (q, v) -> bit(v.holds().cause()));
    def("has_quote", (q, v) -> bit(v.holds().quote()));
    def("type_agrees", (q, v) -> v.holds().agrees(q.kind));
    def("novelty", (q, v) -> novelty(q, v));
    def("sentence_terms", (q, v) -> v.c().stems().size());
    def("question_terms", (q, v) -> q.idf.size());
    def("question_max_idf", (q, v) -> q.maxIdf);
    def("question_unknown_terms", (q, v) -> q.unknown);
    def("index_sentences_log", (q, v) -> Math.log10(Math.max(1, q.indexSentences)));
    def("ordinal", (q, v) -> v.c().sentence().ordinal());
    def("ordinal_share", (q, v) -> (double) v.c().sentence().ordinal() / v.c().articleSentences());
    def("first_sentence", (q, v) -> v.c().sentence().ordinal() == 0 ? 1 : 0);
  }

  /** Base features taken relative to the best and the mean of the candidate list. */
  private static final List<String> RELATIVE =
      List.of("bm25", "context_bm25", "cosine", "rrf", "coverage", "coverage_near");

  /** Every feature's name, in the order of a row. */
  static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>();
    BASE.forEach(d -> names.add(d.name()));
    for (String r : RELATIVE) {
      names.add(r + "_minus_best");
      names.add(r + "_minus_mean");
    }
    NAMES = List.copyOf(names);
  }

  private Features() {}

  private static void def(String name, ToDoubleBiFunction<Question, View> value) {
    BASE.add(new Def(name, value));
  }

  /** One row of {@link #NAMES} per candidate, in the order of {@code r.candidates()}. */
  static float[][] of(Retrieved r) {
    Question q = question(r);
    int n = r.candidates().size();
    float[][] rows = new float[n][NAMES.size()];
    for (int i = 0; i < n; i++) {
      View v = View.of(r.candidates().get(i));
      for (int f = 0; f < BASE.size(); f++) {
        rows[i][f] = (float) BASE.get(f).value().applyAsDouble(q, v);
      }
    }
    int col = BASE.size();
    for (String name : RELATIVE) {
      int f = NAMES.indexOf(name);
      float best = Float.NEGATIVE_INFINITY, sum = 0;
      for (float[] row : rows) {
        best = Math.max(best, row[f]);
        sum += row[f];
      }
      float mean = n == 0 ? 0 : sum / n;
      for (float[] row : rows) {
        row[col] = row[f] - best;
        row[col + 1] = row[f] - mean;
      }
      col += 2;
    }
    return rows;
  }

  static Question question(Retrieved r) {
    return new Question(r.question(), r.terms(), r.sentences());
  }

  private static float rank(int rank) {
    return rank < 0 ? ABSENT_RANK : rank;
  }

  private static double rrf(int rank) {
    return rank < 0 ? 0 : 1.0 / (60 + rank);
  }

  private static double coverage(Question q, Set<String> stems) {
    if (q.idfSum == 0) return 0;
    double found = 0;
    for (var e : q.idf.entrySet()) if (stems.contains(e.getKey())) found += e.getValue();
    return found / q.idfSum;
  }

  private static double exact(Question q, Set<String> words) {
    double total = 0, found = 0;
    for (var e : q.words.entrySet()) {
      total += e.getValue();
      if (words.contains(e.getKey())) found += e.getValue();
    }
    return total == 0 ? 0 : found / total;
  }

  private static double near(Question q, View v) {
    if (q.idfSum == 0) return 0;
    double found = 0;
    for (var e : q.idf.entrySet()) {
      if (v.stems().contains(e.getKey()) || v.c().nearStems().contains(e.getKey())) {
        found += e.getValue();
      }
    }
    return found / q.idfSum;
  }

  private static double missingMaxIdf(Question q, View v, boolean article) {
    double max = 0;
    for (var e : q.idf.entrySet()) {
      String t = e.getKey();
      boolean found =
          article
              ? v.c().articleStems().contains(t) || v.stems().contains(t)
              : v.stems().contains(t) || v.c().nearStems().contains(t);
      if (!found) max = Math.max(max, e.getValue());
    }
    return max;
  }

  private static double missingNear(Question q, View v) {
    int missing = 0;
    for (String t : q.idf.keySet()) {
      if (!v.stems().contains(t) && !v.c().nearStems().contains(t)) missing++;
    }
    return missing;
  }

  /** Share of the question's consecutive stem pairs that stand side by side in the sentence. */
  private static double bigrams(Question q, List<String> sentence) {
    if (q.stems.size() < 2) return 0;
    Set<String> pairs = new HashSet<>();
    for (int i = 1; i < sentence.size(); i++)
      pairs.add(sentence.get(i - 1) + " " + sentence.get(i));
    int found = 0;
    for (int i = 1; i < q.stems.size(); i++) {
      if (pairs.contains(q.stems.get(i - 1) + " " + q.stems.get(i))) found++;
    }
    return (double) found / (q.stems.size() - 1);
  }

  /** The longest run of question stems found in the same order, side by side, in the sentence. */
  static int longestRun(List<String> a, List<String> b) {
    int best = 0;
    int[] prev = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      int[] cur = new int[b.size() + 1];
      for (int j = 1; j <= b.size(); j++) {
        if (a.get(i - 1).equals(b.get(j - 1))) {
          cur[j] = prev[j - 1] + 1;
          best = Math.max(best, cur[j]);
        }
      }
      prev = cur;
    }
    return best;
  }

  private static double namesShared(Question q, View v) {
    if (q.entities.isEmpty()) return -1;
    int found = 0;
    for (String e : q.entities) if (v.words().contains(e)) found++;
    return (double) found / q.entities.size();
  }

  private static double sentenceNamesInQuestion(Question q, View v) {
    int found = 0;
    for (String n : v.names()) if (q.words.containsKey(n)) found++;
    return found;
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }

  private static double novelty(Question q, View v) {
    if (v.stems().isEmpty()) return 0;
    int fresh = 0;
    for (String s : v.stems()) if (!q.idf.containsKey(s)) fresh++;
    return (double) fresh / v.stems().size();
  }
}
