package org.storybot.answer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up question standalone without an LLM: when it looks like a follow-up (short, or
 * opening with "and"/"what about", or leaning on a pronoun), the names of the previous question
 * that it lacks are carried forward.
 */
final class FollowUps {
  private static final Pattern OPENING =
      Pattern.compile("^(and|but|also|so|what about|how about)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern PRONOUN =
      Pattern.compile(
          "\\b(he|she|they|him|her|them|his|their|it|its|that|this|those|these|there)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME =
      Pattern.compile("\\b\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*)*");
  private static final Set<String> NOT_NAMES =
      Set.of(
          "what", "who", "whom", "when", "where", "why", "how", "which", "did", "does", "do", "is",
          "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "and",
          "but", "so", "also", "i", "the", "a", "an");

  private FollowUps() {}

  static String standalone(String question, List<Conversations.Turn> history) {
    if (history.isEmpty()
        || question.codePoints().noneMatch(Character::isLetterOrDigit)
        || !looksLikeFollowUp(question)) {
      return question;
    }
    String previous = history.getLast().answer().question();
    Set<String> carried = new LinkedHashSet<>();
    String lower = question.toLowerCase(Locale.ROOT);
    for (String name : names(previous)) {
      if (!lower.contains(name.toLowerCase(Locale.ROOT))) carried.add(name);
    }
    return carried.isEmpty()
        ? question
        : question.strip() + " (" + String.join(", ", carried) + ")";
  }

  static boolean looksLikeFollowUp(String question) {
    String q = question.strip();
    return q.split("\\s+").length <= 4 || OPENING.matcher(q).find() || PRONOUN.matcher(q).find();
  }

  /** Capitalised words and runs of them, less question words and sentence openers. */
  static Set<String> names(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      String[] words = m.group().replaceAll("['’]s$", "").split("\\s+");
      StringBuilder name = new StringBuilder();
      for (String w : words) {
        if (NOT_NAMES.contains(w.toLowerCase(Locale.ROOT))) continue;
        if (!name.isEmpty()) name.append(' ');
        name.append(w.replaceAll("['’]s$", ""));
      }
      if (!name.isEmpty()) out.add(name.toString());
    }
    return out;
  }
}
