package org.storybot.rank;

import java.util.List;
import java.util.Set;

/**
 * What kinds of answer a sentence can hold: a number, a date, a person's name, a place, a cause, a
 * quote. Read from its words alone (digits, capitals and a few small word lists), so that a
 * who-question can prefer a sentence that names someone and a when-question one that dates
 * something.
 */
record AnswerTypes(
    boolean number, boolean date, boolean person, boolean place, boolean cause, boolean quote) {

  /**
   * @param text the sentence
   * @param spelt its words as written
   * @param words its words in lower case
   */
  static AnswerTypes of(String text, List<String> spelt, Set<String> words) {
    return new AnswerTypes(
        hasNumber(words),
        hasDate(words),
        hasPerson(spelt),
        hasPlace(spelt),
        hasCause(words),
        hasQuote(text));
  }

  /**
   * 1 when the sentence holds what a question of this kind asks for, 0 when it does not, 0.5 when
   * the kind asks for nothing in particular.
   */
  double agrees(Question.Kind kind) {
    return switch (kind) {
      case WHO -> bit(person);
      case WHEN -> bit(date);
      case WHERE -> bit(place);
      case QUANTITY -> bit(number);
      case WHY -> bit(cause);
      default -> 0.5;
    };
  }

  private static double bit(boolean b) {
    return b ? 1 : 0;
  }

  private static final Set<String> NUMBER_WORDS =
      Set.of(
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "twenty",
          "thirty",
          "forty",
          "fifty",
          "hundred",
          "hundreds",
          "thousand",
          "thousands",
          "million",
          "millions",
          "billion",
          "billions",
          "dozen",
          "dozens",
          "half",
          "percent",
          "several",
          "few");
  private static final Set<String> DATE_WORDS =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "jan",
          "feb",
          "mar",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "yesterday",
          "today",
          "tomorrow",
          "tonight",
          "week",
          "weeks",
          "month",
          "months",
          "year",
          "years",
          "century",
          "decade",
          "morning",
          "evening",
          "night",
          "spring",
          "summer",
          "autumn",
          "winter",
          "earlier",
          "later",
          "ago",
          "since",
          "until");
  private static final Set<String> CAUSE_WORDS =
      Set.of(
          "because",
          "after",
          "following",
          "since",
          "caused",
          "causes",
          "cause",
          "reason",
          "reasons",
          "amid",
          "retaliation",
          "retaliatory",
          "response",
          "due",
          "owing",
          "thanks",
          "result",
          "led",
          "leads",
          "so",
          "order",
          "therefore",
          "why");
  private static final Set<String> PLACE_WORDS =
      Set.of("in", "at", "from", "near", "across", "to", "into", "outside", "inside", "on");

  private static boolean hasNumber(Set<String> words) {
    for (String w : words) {
      if (Character.isDigit(w.charAt(0)) || NUMBER_WORDS.contains(w)) return true;
    }
    return false;
  }

  private static boolean hasDate(Set<String> words) {
    for (String w : words) {
      if (DATE_WORDS.contains(w)) return true;
      if (w.length() == 4 && w.chars().allMatch(Character::isDigit)) {
        int year = Integer.parseInt(w);
        if (year >= 1000 && year <= 2099) return true;
      }
    }
    return false;
  }

  /** Two capitalised words in a row: a name ("Joe Biden"), or a title and a name. */
  private static boolean hasPerson(List<String> w) {
    for (int i = 1; i < w.size(); i++) {
      if (capitalised(w.get(i - 1)) && capitalised(w.get(i))) return true;
    }
    return false;
  }

  /** A place preposition before a capitalised word ("in Damascus"). */
  private static boolean hasPlace(List<String> w) {
    for (int i = 1; i < w.size(); i++) {
      if (PLACE_WORDS.contains(w.get(i - 1)) && capitalised(w.get(i))) return true;
      if (i > 1 && w.get(i - 1).equals("the") && PLACE_WORDS.contains(w.get(i - 2))) {
        if (capitalised(w.get(i))) return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Set<String> words) {
    for (String w : words) if (CAUSE_WORDS.contains(w)) return true;
    return false;
  }

  private static boolean hasQuote(String t) {
    return t.indexOf('"') >= 0 || t.indexOf('\u201c') >= 0 || t.indexOf('\u201d') >= 0;
  }

  private static boolean capitalised(String w) {
    return w.length() > 1
        && Character.isUpperCase(w.charAt(0))
        && Character.isLowerCase(w.charAt(1));
  }
}
