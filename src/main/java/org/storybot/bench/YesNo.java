package org.storybot.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A SQuAD question turned into the yes/no question people ask a news bot, with a claim put in:
 * "What did Luther write?" and "the 95 Theses" give "Did Luther write the 95 Theses?"; "Which
 * Senator was a strong advocate for the Pico Act?" and "Milton Latham" give "Is it true that Milton
 * Latham was a strong advocate for the Pico Act?". The sentence that answered the question settles
 * the claim, so the question keeps its gold sentence. SQuAD holds almost no yes/no questions; this
 * measures how the models, which never learned from one, rank for them.
 *
 * <p>Only questions whose form is plain are turned: a question word (what, which, who, whom, when,
 * where, how many, how much), perhaps after a preposition, and an auxiliary within the next four
 * words, or "who" and a verb. Why and how questions, and answers of more than six words, are left
 * alone.
 */
final class YesNo {
  private static final Set<String> QUESTION_WORDS =
      Set.of("what", "which", "who", "whom", "when", "where", "how");
  private static final Set<String> BE = Set.of("is", "are", "was", "were");
  private static final Set<String> DO = Set.of("do", "does", "did");
  private static final Set<String> AUXILIARIES =
      Set.of(
          "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could",
          "will", "would", "should", "may", "might");
  private static final Set<String> PREPOSITIONS =
      Set.of(
          "in", "on", "at", "by", "for", "from", "to", "with", "during", "of", "into", "after",
          "before", "under", "about");
  private static final int LONGEST_ANSWER = 6;

  private YesNo() {}

  /** The yes/no form of {@code question} claiming {@code answer}, when its form is plain. */
  static Optional<String> of(String question, String answer) {
    String a = trimmed(answer == null ? "" : answer);
    String[] w = trimmed(question).split("\\s+");
    if (a.isEmpty() || a.split("\\s+").length > LONGEST_ANSWER || w.length < 3) {
      return Optional.empty();
    }
    int at = 0;
    String preposition = "";
    if (PREPOSITIONS.contains(lower(w[0])) && QUESTION_WORDS.contains(lower(w[1]))) {
      preposition = lower(w[0]) + " "; // "In which year did ..."
      at = 1;
    }
    String asks = lower(w[at]);
    if (!QUESTION_WORDS.contains(asks)) return Optional.empty();
    boolean amount = asks.equals("how");
    if (amount && !Set.of("many", "much").contains(lower(w[at + 1]))) return Optional.empty();
    int aux = -1;
    for (int i = at + 1; i < Math.min(w.length, at + 5); i++) {
      if (AUXILIARIES.contains(lower(w[i]))) {
        aux = i;
        break;
      }
    }
    if (aux < 0) {
      // "Who wrote Hamlet?": the question word is the subject
      if (!asks.equals("who") || !preposition.isEmpty()) return Optional.empty();
      return Optional.of("Is it true that " + a + " " + join(w, at + 1, w.length) + "?");
    }
    String verb = lower(w[aux]);
    String rest = join(w, aux + 1, w.length);
    if (rest.isEmpty()) return Optional.empty();
    String head = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " ";
    if (amount) { // "How many teams did LA have?": "Did LA have two teams?"
      String unit = join(w, at + 2, aux);
      String counted = unit.isEmpty() ? a : a + " " + unit;
      if (BE.contains(verb) && !unit.isEmpty())
        return Optional.of(head + counted + " " + rest + "?");
      return Optional.of(head + rest + " " + counted + "?");
    }
    boolean phrase = aux > at + 1; // "Which Senator was ...", "What city in Victoria is ..."
    if (phrase && !DO.contains(verb)) {
      if (!preposition.isEmpty()) return Optional.empty();
      return Optional.of("Is it true that " + a + " " + verb + " " + rest + "?");
    }
    String before = preposition;
    if (before.isEmpty() && (asks.equals("when") || asks.equals("where"))) {
      before = PREPOSITIONS.contains(lower(a.split("\\s+")[0])) ? "" : "in ";
    }
    return Optional.of(head + rest + " " + before + a + "?");
  }

  private static String trimmed(String s) {
    String t = s.strip();
    while (!t.isEmpty() && "?.,!".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return t;
  }

  private static String join(String[] w, int from, int to) {
    return from >= to ? "" : String.join(" ", Arrays.copyOfRange(w, from, to));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
