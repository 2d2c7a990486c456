package org.storybot.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.QueryTerm;

/** What the features need to know about a question, worked out once per question. */
final class Question {
  /** What kind of answer the question asks for. */
  enum Kind {
    WHO,
    WHEN,
    WHERE,
    QUANTITY,
    WHY,
    HOW,
    WHAT,
    YES_NO,
    OTHER
  }

  private static final Pattern WH =
      Pattern.compile(
          "\\b(who|whom|whose|when|where|why|how many|how much|how long|how old|how|what|which)\\b");
  private static final Pattern WHEN_WORDS =
      Pattern.compile("\\b(what|which) (year|date|day|month|time|decade|century|period)\\b");
  private static final Pattern YES_NO =
      Pattern.compile(
          "^(is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|shall|may|might)\\b");

  final String text;
  final Kind kind;

  /** Idf of each distinct stem, in question order. */
  final Map<String, Float> idf = new LinkedHashMap<>();

  /** The stems in question order, repeats kept. */
  final List<String> stems = new ArrayList<>();

  /** The question's content words, lower-cased as spelt. */
  final Map<String, Float> words = new LinkedHashMap<>();

  /** Names, acronyms and numbers (lower-cased): capitalised past the first word, or with digits. */
  final Set<String> entities = new HashSet<>();

  final float idfSum;
  final float maxIdf;
  final int unknown;

  /** How many sentences the index asked holds. */
  final long indexSentences;

  /** Words that ask rather than say: left out of the terms an answer should cover. */
  private static final Set<String> ASKING =
      Set.of("who", "whom", "whose", "what", "when", "where", "why", "which", "how");

  Question(String text, List<QueryTerm> terms, long indexSentences) {
    this.text = text;
    this.indexSentences = indexSentences;
    this.kind = kind(text);
    float sum = 0, max = 0;
    int unknownTerms = 0;
    String first = firstWord(text);
    for (QueryTerm t : terms) {
      if (ASKING.contains(t.stem())) continue;
      stems.add(t.stem());
      if (idf.putIfAbsent(t.stem(), t.idf()) == null) {
        sum += t.idf();
        max = Math.max(max, t.idf());
        if (!t.known()) unknownTerms++;
      }
      String lower = firstWord(t.word()).toLowerCase(Locale.ROOT);
      words.putIfAbsent(lower, t.idf());
      boolean capitalised = Character.isUpperCase(t.word().codePointAt(0));
      boolean digits = t.word().chars().anyMatch(Character::isDigit);
      if (digits || (capitalised && !firstWord(t.word()).equals(first))) entities.add(lower);
    }
    this.idfSum = sum;
    this.maxIdf = max;
    this.unknown = unknownTerms;
  }

  static Kind kind(String question) {
    String q = question.toLowerCase(Locale.ROOT).strip();
    if (WHEN_WORDS.matcher(q).find()) return Kind.WHEN;
    Matcher m = WH.matcher(q);
    if (m.find()) {
      return switch (m.group(1)) {
        case "who", "whom", "whose" -> Kind.WHO;
        case "when" -> Kind.WHEN;
        case "where" -> Kind.WHERE;
        case "why" -> Kind.WHY;
        case "how many", "how much", "how long", "how old" -> Kind.QUANTITY;
        case "how" -> Kind.HOW;
        default -> Kind.WHAT;
      };
    }
    return YES_NO.matcher(q).find() ? Kind.YES_NO : Kind.OTHER;
  }

  private static final Pattern NEGATION =
      Pattern.compile(
          "\\b(not|never|no|none|nobody|nothing|neither|nor|cannot)\\b|n['’]t\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Whether {@code text} negates: a question with "not" that its sentence lacks asks something the
   * sentence does not say (SQuAD 2.0's writers made a sixth of their unanswerable questions so).
   */
  static boolean negated(String text) {
    return NEGATION.matcher(text).find();
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  static String firstWord(String text) {
    Matcher m = WORD.matcher(text);
    return m.find() ? m.group() : "";
  }

  /** The words of {@code text}: runs of letters and digits, as spelt. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }
}
