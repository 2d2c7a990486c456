package org.storybot.answer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.storybot.index.Hit;

/**
 * Scores how well one retrieved sentence answers a question. The weights and the abstention
 * threshold were calibrated on the dev question set ({@code src/test/resources/answer/}).
 */
final class Support {
  static final double SIMILARITY_WEIGHT = 0.8;
  static final double COVERAGE_WEIGHT = 0.2;

  /** Below this a sentence is not worth adding beside the best one. */
  static final double THRESHOLD = 0.36;

  /**
   * The best sentence must stand out from the other candidates: its support plus its margin over
   * their mean must reach this, and the margin must reach {@link #MIN_MARGIN}. An absolute
   * threshold alone fails on large indexes, where an off-topic question always finds some sentence
   * that looks like an answer but no sentence that stands out.
   */
  static final double STANDOUT = 0.47;

  static final double MIN_MARGIN = 0.05;

  /** How many of the next-best candidates the margin is measured against. */
  static final int FIELD = 19;

  /** A sentence lacking what the question asks for (a number for "how many") keeps this share. */
  static final double WRONG_TYPE_PENALTY = 0.6;

  private static final Pattern HOW_MANY =
      Pattern.compile("\\bhow (many|much)\\b|\\bwhat (number|percentage|amount)\\b");
  private static final Pattern WHEN =
      Pattern.compile("^\\s*(when\\b|(on |in )?(what|which) (date|day|time|year|month)\\b)");
  private static final Pattern NUMBER =
      Pattern.compile(
          "\\d|\\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|billions?|all|most|half)\\b");
  private static final Pattern TIME =
      Pattern.compile(
          "\\d|\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow)\\b");

  private Support() {}

  static double of(String question, Hit hit) {
    double similarity = Math.max(0, hit.similarity());
    double score = SIMILARITY_WEIGHT * similarity + COVERAGE_WEIGHT * hit.coverage();
    if (!answersType(
        question.toLowerCase(Locale.ROOT), hit.sentence().text().toLowerCase(Locale.ROOT))) {
      score *= WRONG_TYPE_PENALTY;
    }
    return score;
  }

  /** Whether the best of {@code ranked} (strongest first) answers the question at all. */
  static boolean answers(List<Evidence> ranked) {
    if (ranked.isEmpty()) return false;
    double best = ranked.getFirst().support();
    List<Evidence> field = ranked.subList(1, Math.min(ranked.size(), FIELD + 1));
    double margin = best - field.stream().mapToDouble(Evidence::support).average().orElse(0);
    return margin >= MIN_MARGIN && best + margin >= STANDOUT;
  }

  private static boolean answersType(String question, String sentence) {
    if (HOW_MANY.matcher(question).find()) return NUMBER.matcher(sentence).find();
    if (WHEN.matcher(question).find()) return TIME.matcher(sentence).find();
    return true;
  }
}
