package org.storybot.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message that asks two or three things at once: "who is Kirby and what did he say?", "Who is
 * Kirby? What did he say?", "who are Kirby and Austin?". The ranker learned from questions that ask
 * one thing; given two, it looks for one sentence that answers both, finds none, and abstains. Each
 * part is answered on its own instead.
 *
 * <p>Only a part that is a question of its own splits off: a question word and a verb ("and what
 * did he say", "and where is it") after a question. "The Rhine and what other river ...", "Where
 * and when did it begin?" and "What did Biden and Netanyahu discuss?" stay whole.
 */
final class Compound {
  /** At most this many parts; a longer list is read as one question. */
  static final int MOST = 3;

  /** Words a question opens with. */
  private static final String OPENER =
      "(?:what|who|whom|whose|when|where|why|how|which|did|does|do|is|are|was|were|has|have|had"
          + "|will|would|can|could|should)";

  /**
   * A question word and what makes it a question of its own: a verb a few words on ("what did",
   * "how tall is", "which country has"), "how many" and kin, "why", "who attacked"; not "what
   * other" ("Koblenz and what other city is ...": one question).
   */
  private static final String ASKS =
      "(?:(?:what|who|when|where|why|how|which|whose)(?!\\s+(?:other|else)\\b)(?:\\s+\\w+){0,2}?"
          + "\\s+(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)"
          + "|how (?:many|much|long|old|far|often)|why|who \\w+ed)\\b";

  /**
   * Where a second question begins: "... and what did", "...? When did", a new line, "..., and
   * why"; not a comma alone ("When Tesla tried to photograph Twain, what showed up?": one
   * question).
   */
  private static final Pattern SEAM =
      Pattern.compile(
          "(?:\\?\\s*|\\s*\\n\\s*|,?\\s+and\\s+(?:then\\s+)?)(?=" + ASKS + ")",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern QUESTION =
      Pattern.compile("^" + OPENER + "\\s+\\S+.*", Pattern.CASE_INSENSITIVE);

  /** "who are Kirby and Austin": several people asked about at once. */
  private static final Pattern WHO_ARE =
      Pattern.compile(
          "^(?:so |and )?who (?:are|were) (.+?)[?!.]*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Words no name is made of ("who are debates and meetings open to?" asks no names). */
  private static final Set<String> NOT_IN_NAMES =
      Preferred.listed(
          """
          to of in on for by with at from about the a an who that which is are was were they them
          these those open involved responsible behind people ones""");

  private static final Pattern LIST = Pattern.compile("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+");

  private Compound() {}

  /**
   * The questions {@code question} asks, each ending in "?"; the question alone when it asks one
   * thing (or more than {@value #MOST}).
   */
  static List<String> parts(String question) {
    String q = question.strip();
    List<String> parts = new ArrayList<>();
    for (String part : questions(q)) {
      List<String> people = people(part);
      parts.addAll(people.isEmpty() ? List.of(part) : people);
    }
    return parts.size() > MOST ? List.of(q) : List.copyOf(parts);
  }

  /**
   * The last of the questions {@code question} asks one after another ("what did Biden promise
   * Israel?" of "Who is Kirby? What did Biden promise Israel?"); a question about several people
   * ("who are Kirby and Austin?") is one.
   */
  static String last(String question) {
    return questions(question.strip()).getLast();
  }

  /** The questions {@code q} asks one after another; {@code q} alone when it asks one. */
  private static List<String> questions(String q) {
    List<String> parts = new ArrayList<>();
    Matcher seam = SEAM.matcher(q);
    int from = 0;
    while (seam.find()) {
      String part = q.substring(from, seam.start()).strip();
      if (!QUESTION.matcher(part).matches()) continue; // "Where and when did ...": not a question
      parts.add(asked(part));
      from = seam.end();
    }
    if (parts.isEmpty()) return List.of(q);
    String last = q.substring(from).strip();
    if (!QUESTION.matcher(last).matches()) return List.of(q);
    parts.add(asked(last));
    return parts;
  }

  /** "who are Kirby and Austin?" as "who is Kirby?" and "who is Austin?"; else empty. */
  private static List<String> people(String q) {
    Matcher m = WHO_ARE.matcher(q);
    if (!m.matches()) return List.of();
    String[] names = LIST.split(m.group(1).strip());
    if (names.length < 2 || names.length > MOST) return List.of();
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String n = name.strip();
      String[] words = n.toLowerCase(Locale.ROOT).split("\\s+");
      if (n.isEmpty() || words.length > 3) return List.of(); // not a list of names
      for (String w : words) if (NOT_IN_NAMES.contains(w)) return List.of();
      String asked = "who is " + n + "?";
      if (WhoIs.of(asked).isEmpty()) return List.of();
      out.add(asked);
    }
    return out;
  }

  /** {@code part} as a question of its own: its first letter as typed, a "?" at its end. */
  private static String asked(String part) {
    String p = part.replaceAll("[?!.,;:\\s]+$", "");
    return p + "?";
  }
}
