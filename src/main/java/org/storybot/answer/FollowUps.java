package org.storybot.answer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up question standalone without an LLM: when it looks like a follow-up ({@link
 * #looksLikeFollowUp}), the names of the previous question that it lacks are carried forward: in
 * place of its one personal pronoun when a single name is carried ("what did he say?" after "who is
 * kirby?" is "what did Kirby say?"), else after it.
 */
final class FollowUps {
  private static final Pattern OPENING =
      Pattern.compile("^(and|but|also|so|what about|how about)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern PRONOUN =
      Pattern.compile(
          "\\b(he|she|they|him|her|them|his|their|it|its|that|this|those|these|there)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Pronouns that stand for a person, and can be replaced by the name ("her" is two of them). */
  private static final Pattern PERSON =
      Pattern.compile("\\b(he|she|him|they|them|his|their)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern NAME =
      Pattern.compile("\\b\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*)*");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> NOT_NAMES =
      Set.of(
          "what", "who", "whom", "when", "where", "why", "how", "which", "did", "does", "do", "is",
          "are", "was", "were", "will", "would", "can", "could", "should", "has", "have", "and",
          "but", "so", "also", "i", "the", "a", "an");

  private FollowUps() {}

  static String standalone(String question, List<Conversations.Turn> history) {
    if (history.isEmpty() || question.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return question;
    }
    String clarified = clarified(question, history.getLast().answer().question());
    if (clarified != null) return clarified;
    if (!looksLikeFollowUp(question)) return question;
    String stripped = question.strip();
    Matcher and = OPENING.matcher(stripped);
    String rest = and.find() ? stripped.substring(and.end()).strip() : "";
    if (ASKS.matcher(rest).lookingAt() && !looksLikeFollowUp(rest)) {
      return rest; // "and who is austin?" names whom it asks about
    }
    List<String> parts = Compound.parts(question);
    if (parts.size() > 1 && !looksLikeFollowUp(parts.getFirst())) {
      return question; // "who is Kirby and what did he say?": "he" is the message's own Kirby
    }
    Answer previous = history.getLast().answer();
    // "who is Kirby? what did Biden promise Israel?", then "what did he say?": the last part's "he"
    String before = Compound.last(previous.question());
    String asked = askedAgain(question, before);
    if (asked != null) return asked;
    String instead = instead(question, before, previous);
    if (instead != null) return instead;
    Set<String> carried = new LinkedHashSet<>();
    String lower = question.toLowerCase(Locale.ROOT);
    Set<String> named = new LinkedHashSet<>(names(before));
    for (String cited : namesAnswered(before, previous)) {
      String c = cited.toLowerCase(Locale.ROOT);
      if (named.stream().map(n -> n.toLowerCase(Locale.ROOT)).noneMatch(n -> n.contains(c))) {
        named.add(cited);
      }
    }
    for (String name : named) {
      if (!lower.contains(name.toLowerCase(Locale.ROOT))) carried.add(name);
    }
    if (carried.isEmpty()) return question;
    List<MatchResult> persons = PERSON.matcher(question).results().toList();
    if (carried.size() == 1 && persons.size() == 1) {
      String name = carried.iterator().next();
      MatchResult person = persons.getFirst();
      String p = person.group().toLowerCase(Locale.ROOT);
      String by = p.equals("his") || p.equals("their") ? name + "'s" : name;
      return question.substring(0, person.start()) + by + question.substring(person.end());
    }
    return question.strip() + " (" + String.join(", ", carried) + ")";
  }

  /**
   * A correction of the question before that says what it was about: "I mean about the war", "no,
   * about the G7", "sorry, I meant on Sunday".
   */
  private static final Pattern CLARIFIES =
      Pattern.compile(
          "^(?:(?:no|nope|sorry|actually|i mean|i meant)[,.!:]?\\s+)+((?:about|on|regarding"
              + "|concerning|in|at|with|to|for|during|after|before)\\s+.*[^?!.\\s])[?!.\\s]*$",
          Pattern.CASE_INSENSITIVE);

  /** A question word: a correction that has one asks a question of its own. */
  private static final Pattern ASKS =
      Pattern.compile(
          "\\b(what|who|whom|whose|when|where|why|how|which)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * "I mean about the war" after "what did Kirby say?" asked as "what did Kirby say about the
   * war?": the correction's words put after the previous question ({@code previous}, or its last
   * part). Null when {@code question} is no such correction.
   */
  static String clarified(String question, String previous) {
    Matcher m = CLARIFIES.matcher(question.strip());
    if (!m.matches() || ASKS.matcher(m.group(1)).find()) return null; // "actually, in which year"
    String before = unmarked(Compound.last(previous));
    return before.isEmpty() ? null : before + " " + m.group(1) + "?";
  }

  /** "and Austin?", "what about the G7?": the last question, asked of someone else. */
  private static final Pattern INSTEAD =
      Pattern.compile(
          "^(?:and|and what about|what about|how about)\\s+([^?!.]*[^?!.\\s])[?!.\\s]*$",
          Pattern.CASE_INSENSITIVE);

  /** Words that say nothing of whom "and ...?" asks about: "and then?", "and now?", "and so?". */
  private static final Set<String> NOT_SOMEONE =
      Set.of("then", "now", "so", "more", "else", "yet", "too", "again", "after", "before", "why");

  /**
   * "and Austin?" after "Who is Kirby?" asked as "Who is Austin?": the one named (up to four words,
   * no question of its own) put in place of the first name of the previous question ({@code
   * before}), as it or {@code previous}'s answer spells it. Null when {@code question} is not like
   * that or the previous question names no one.
   */
  static String instead(String question, String before, Answer previous) {
    Matcher m = INSTEAD.matcher(question.strip());
    if (!m.matches()) return null;
    String other = m.group(1).strip();
    List<String> words = Preferred.words(other);
    if (words.isEmpty()
        || words.size() > 4
        || ASKS.matcher(other).find()
        || PRONOUN.matcher(other).find()
        || words.stream()
            .map(w -> w.toLowerCase(Locale.ROOT))
            .allMatch(w -> NOT_NAMES.contains(w) || NOT_SOMEONE.contains(w))) {
      return null;
    }
    Set<String> named = new LinkedHashSet<>(names(before));
    if (named.isEmpty() && previous != null) named.addAll(namesAnswered(before, previous));
    if (named.isEmpty()) return null;
    String name = named.iterator().next();
    Matcher at =
        Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE)
            .matcher(before);
    if (!at.find()) return null;
    String asked = before.substring(0, at.start()) + other + before.substring(at.end());
    return unmarked(asked) + "?";
  }

  /**
   * {@code question} stripped of its white space and its final marks ("Who is Kirby?" "Who is
   * Kirby").
   */
  private static String unmarked(String question) {
    return question.strip().replaceAll("[?!.\\s]+$", "");
  }

  /** A question word alone, perhaps after "and" or "but": "why?", "and when?". */
  private static final Pattern BARE =
      Pattern.compile(
          "^(?:(?:and|but|so|ok|okay)[,\\s]+)?(why|when|where|how)\\s*[?!.]*$",
          Pattern.CASE_INSENSITIVE);

  /** A question that opens with a question word and a verb: "When did Iran attack Israel?". */
  private static final Pattern OPENS =
      Pattern.compile(
          "^(?:what|when|where|why|how|who|which)\\s+((?:did|does|do|is|are|was|were|has|have|had"
              + "|will|would|can|could)\\s+.+?)\\s*[?!.]*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "why?" after "When did Iran attack Israel?" asked as "Why did Iran attack Israel?": the bare
   * question word put in place of the previous question's; "it" for what a "what did X do/say?"
   * asked about ("why?" after "what did Kirby say?": "Why did Kirby say it?"). Null when {@code
   * question} is not a bare question word or the previous question does not open like that.
   */
  static String askedAgain(String question, String previous) {
    Matcher bare = BARE.matcher(question.strip());
    Matcher opens = OPENS.matcher(previous.strip());
    if (!bare.matches() || !opens.matches()) return null;
    String rest = opens.group(1);
    if (rest.matches("(?i)(is|are|was|were)\\s.*") && !rest.matches("(?i).*(ed|en)$")) {
      return null; // "who is Kirby?" asks for no event: "when is Kirby?" asks nothing
    }
    if (rest.matches("(?i).*\\s(do|say|said|done)$")) rest += " it";
    String word = bare.group(1).toLowerCase(Locale.ROOT);
    return Character.toUpperCase(word.charAt(0)) + word.substring(1) + " " + rest + "?";
  }

  /**
   * What a sentence says when it holds what a bare question word asks for: a time for "when", a
   * place for "where", a cause for "why". ("how?" is not read: a manner has no words of its own.)
   */
  private static final Map<String, Pattern> HOLDS =
      Map.of(
          "when",
          Pattern.compile(
              "\\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May"
                  + "|June|July|August|September|October|November|December|yesterday|today"
                  + "|tonight|earlier|later|ago|since|until|last (?:week|month|year)|[0-9]{4}"
                  + "|[0-9]{1,2}(?:st|nd|rd|th)?)\\b"),
          "where",
          Pattern.compile("\\b(?:in|at|from|near|outside|inside)\\s+(?:the\\s+)?\\p{Lu}"),
          "why",
          Pattern.compile(
              "\\b(?:because|in response to|in retaliation|retaliatory|due to|owing to"
                  + "|as a result|caused by|blamed|in order to|so that|after|following|amid)\\b",
              Pattern.CASE_INSENSITIVE));

  /**
   * The question word of a bare follow-up ("why?", "and when?") when {@code answer} to it only
   * repeats {@code previous}: it cites no sentence the previous answer did not quote, and none of
   * its sentences holds what the word asks for ("why?" after "What did Austin ask Gallant?" found
   * the same sentence again, which gives no reason). Then the articles say no more. Empty
   * otherwise, and for "how?".
   */
  static Optional<String> saysNoMore(String question, Answer answer, Answer previous) {
    Matcher bare = BARE.matcher(question.strip());
    if (!bare.matches() || answer.citations().isEmpty() || previous.abstained()) {
      return Optional.empty();
    }
    String word = bare.group(1).toLowerCase(Locale.ROOT);
    Pattern holds = HOLDS.get(word);
    if (holds == null) return Optional.empty();
    for (Citation c : answer.citations()) {
      if (!previous.quotes(c.sentence()) || holds.matcher(c.sentence()).find()) {
        return Optional.empty();
      }
    }
    return Optional.of(word);
  }

  /**
   * The words of {@code question} (the previous question, or its last part) that the previous
   * answer spells with a capital: the names in a question typed in lower case ("who is john kirby?"
   * is answered "... John Kirby revealed ..."). The answer's text, not its citations: a turn read
   * back from the shared database keeps only the text.
   */
  static Set<String> namesAnswered(String question, Answer previous) {
    Set<String> out = new LinkedHashSet<>();
    if (previous.abstained()) return out;
    Set<String> capitalised = new LinkedHashSet<>();
    Matcher words = WORD.matcher(previous.text());
    while (words.find()) {
      if (words.start() > 0 && Character.isUpperCase(words.group().codePointAt(0))) {
        capitalised.add(words.group());
      }
    }
    StringBuilder run = new StringBuilder();
    Matcher w = WORD.matcher(question);
    while (w.find()) {
      String word = w.group();
      String spelt =
          NOT_NAMES.contains(word.toLowerCase(Locale.ROOT)) ? null : spelt(word, capitalised);
      if (spelt != null) {
        if (!run.isEmpty()) run.append(' ');
        run.append(spelt);
      } else if (!run.isEmpty()) {
        out.add(run.toString());
        run.setLength(0);
      }
    }
    if (!run.isEmpty()) out.add(run.toString());
    return out;
  }

  /** {@code word} as {@code capitalised} spells it, or null when it is not among them. */
  private static String spelt(String word, Set<String> capitalised) {
    for (String c : capitalised) if (c.equalsIgnoreCase(word)) return c;
    return null;
  }

  /**
   * Whether {@code question} leans on the one before: it opens with "and" or "what about", or has a
   * pronoun, or is short and says of its own neither whom or when it asks about ("who is austin?",
   * "what did Kirby say?", "what did iran do?", "what happened on Sunday?") nor a name ("When did
   * Iran attack?"): carrying the last question's names into those would ask about someone else.
   */
  static boolean looksLikeFollowUp(String question) {
    String q = question.strip();
    if (OPENING.matcher(q).find() || PRONOUN.matcher(q).find()) return true;
    if (!Preferred.kinds(q).isEmpty() // "who is austin?", "what happened on sunday?"
        || !names(q).isEmpty()
        || !Names.of(q).isEmpty()) { // "what did iran do?": a place, however typed
      return false;
    }
    return q.split("\\s+").length <= 4;
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
