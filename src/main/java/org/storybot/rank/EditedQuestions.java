package org.storybot.rank;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unanswerable questions made from answerable ones by one minimal edit, as SQuAD 2.0's writers did:
 * a number, year or name the question shares with its answer sentence is swapped for another of the
 * same kind from elsewhere in the same Wikipedia article ("what did Luther publish in 1520?"
 * becomes "... in 1525?"). The answer sentence now reads almost the same as the question and does
 * not answer it: the hard negative an abstention model has to learn.
 */
final class EditedQuestions {
  private static final Pattern YEAR = Pattern.compile("1[0-9]{3}|20[0-9]{2}");
  private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}{2,}");

  /** What can be swapped, and how each is found. */
  private enum Kind {
    NUMBER(Pattern.compile("\\b\\d[\\d,.]*\\d\\b|\\b\\d\\b")),
    /**
     * One or more capitalised words, not after a sentence's end, not possessive and not part of a
     * numbered name ("Super Bowl 50": the number is swapped instead).
     */
    NAME(
        Pattern.compile(
            "(?<![.?!]\\s)\\b\\p{Lu}[\\p{L}-]++(?:\\s+\\p{Lu}[\\p{L}-]++)*+\\b(?!'|\\s+\\d)"));

    final Pattern pattern;

    Kind(Pattern pattern) {
      this.pattern = pattern;
    }
  }

  private record Slot(String text, int start, int end, Kind kind) {}

  private EditedQuestions() {}

  /**
   * The question with one number or name it shares with {@code gold} swapped for one of the same
   * kind found in {@code elsewhere} and in none of {@code gold}, or empty when there is none.
   */
  static Optional<String> edit(
      String question, Collection<String> gold, Collection<String> elsewhere, Random random) {
    String goldText = String.join(" ", gold);
    String goldLower = goldText.toLowerCase(Locale.ROOT);
    List<Slot> editable = new ArrayList<>();
    List<List<String>> pools = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<Slot> found = null; // the other paragraphs' spans of this kind, read once
      for (Slot slot : spans(question, kind)) {
        if (!contains(goldText, slot.text())) continue;
        if (found == null) {
          found = new ArrayList<>();
          for (String sentence : elsewhere) found.addAll(spans(sentence, kind));
        }
        Set<String> pool = new LinkedHashSet<>();
        for (Slot s : found) {
          if (sameShape(slot, s) && !goldLower.contains(s.text().toLowerCase(Locale.ROOT))) {
            pool.add(s.text());
          }
        }
        pool.remove(slot.text());
        if (pool.isEmpty()) continue;
        editable.add(slot);
        pools.add(new ArrayList<>(pool));
      }
    }
    if (editable.isEmpty()) return Optional.empty();
    int pick = random.nextInt(editable.size());
    Slot slot = editable.get(pick);
    List<String> choices = pools.get(pick);
    String swapped = choices.get(random.nextInt(choices.size()));
    return Optional.of(
        question.substring(0, slot.start()) + swapped + question.substring(slot.end()));
  }

  private static List<Slot> spans(String text, Kind kind) {
    List<Slot> out = new ArrayList<>();
    Matcher m = kind.pattern.matcher(text);
    while (m.find()) {
      int start = m.start();
      if (start == 0 && kind == Kind.NAME) { // the first word is capitalised anyway: drop it
        int space = m.group().indexOf(' ');
        if (space < 0) continue;
        start = m.start() + space + 1;
      }
      out.add(new Slot(text.substring(start, m.end()), start, m.end(), kind));
    }
    return out;
  }

  /**
   * A year for a year, another number for a number, a name of as many words for a name, an acronym
   * for an acronym.
   */
  private static boolean sameShape(Slot a, Slot b) {
    if (a.kind() == Kind.NUMBER) {
      return YEAR.matcher(a.text()).matches() == YEAR.matcher(b.text()).matches();
    }
    return words(a.text()) == words(b.text())
        && ACRONYM.matcher(a.text()).matches() == ACRONYM.matcher(b.text()).matches();
  }

  private static int words(String s) {
    return s.split("\\s+").length;
  }

  private static boolean contains(String text, String word) {
    return Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text).find();
  }
}
