package org.storybot.answer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "What happened on Sunday?": a question about what happened at a time it names. The ranker and the
 * abstention model learned from questions that name the event, so they doubt one that names only a
 * day; yet a sentence that names that day ("The White House confirmed Sunday that ...") tells what
 * happened then. The best placed by the ranker is put first.
 *
 * @param time the words of the time, lower case ("sunday", "april", "1")
 */
record HappenedWhen(List<String> time) implements Preferred {
  private static final Pattern QUESTION =
      Pattern.compile(
          "^(?:so |and )?what (?:happened|has happened|took place|occurred|went on)"
              + "(?: (?:on|in|at|during|over|since|by|last|this|earlier|late|early)"
              + "(?: (?:on|in|the))?)? (.{2,30})$");

  /** Words that name a time of their own; other words ("the", "of") are left out. */
  private static final Pattern TIME_WORD =
      Pattern.compile(
          "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|january|february"
              + "|march|april|may|june|july|august|september|october|november|december"
              + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|yesterday|today|tonight|[0-9]{1,4}"
              + "|(?:[0-9]{1,2})(?:st|nd|rd|th)");

  /** Words a time may hold besides its own: "the 1st of April", "the night of 13 April". */
  private static final Set<String> FILLER = Set.of("the", "of", "on", "night", "morning");

  /** The time asked about, when {@code question} only asks what happened then. */
  static Optional<HappenedWhen> of(String question) {
    Matcher m = QUESTION.matcher(Preferred.plain(question));
    if (!m.matches()) return Optional.empty();
    List<String> words = Preferred.words(m.group(1)).stream().map(Preferred::lower).toList();
    List<String> time =
        words.stream().filter(w -> TIME_WORD.matcher(w).matches()).map(HappenedWhen::day).toList();
    boolean onlyTime =
        words.stream().allMatch(w -> TIME_WORD.matcher(w).matches() || FILLER.contains(w));
    return onlyTime && !time.isEmpty() ? Optional.of(new HappenedWhen(time)) : Optional.empty();
  }

  /** "1st" as "1": how a sentence most often writes a day of the month. */
  private static String day(String word) {
    return word.matches("[0-9]{1,2}(?:st|nd|rd|th)") ? word.replaceAll("[a-z]+$", "") : word;
  }

  /** Words of a time that a sentence writes in lower case; it capitalises days and months. */
  private static final Set<String> LOWER = Set.of("yesterday", "today", "tonight", "weekend");

  /**
   * Whether {@code sentence} names the time: every one of its words, a day or a month capitalised
   * ("in May", not "it may").
   */
  @Override
  public boolean fits(String sentence) {
    List<String> words = Preferred.words(sentence);
    for (String t : time) {
      boolean named = false;
      for (String w : words) {
        boolean capitalised = Character.isUpperCase(w.codePointAt(0));
        if (day(Preferred.lower(w)).equals(t)
            && (capitalised || LOWER.contains(t) || Character.isDigit(t.charAt(0)))) {
          named = true;
          break;
        }
      }
      if (!named) return false;
    }
    return true;
  }
}
