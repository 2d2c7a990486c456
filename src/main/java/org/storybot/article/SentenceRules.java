package org.storybot.article;

import java.util.Set;

/**
 * The word lists behind {@link SentenceSplitter}: abbreviations, sentence starters, speech verbs.
 */
final class SentenceRules {

  /** Titles and connectives that are always followed by more of the same sentence. */
  private static final Set<String> NEVER_ENDS =
      words(
          "Mr Mrs Ms Messrs Dr Gen Sen Sens Rep Reps Gov Lt Col Capt Cmdr Sgt Maj Adm Brig Cpl Pvt"
              + " Prof Rev Hon Pres Supt Det Insp Atty vs v e.g i.e cf");

  /**
   * Abbreviations that may end a sentence, but only when a clear sentence starter follows ({@code
   * at 9 a.m. The meeting}); otherwise a name or number follows ({@code Jan. 5}, {@code No. 10}).
   */
  private static final Set<String> ABBREVIATIONS =
      words(
          "Jr Sr St Mt Ft No Nos Inc Corp Co Cos Ltd Bros Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct"
              + " Nov Dec etc approx est Ave Blvd Rd Apt Dept Univ Ph.D"
              // US states, as in datelines; only those that are not also English words.
              + " Ala Ariz Calif Colo Conn Fla Mich Minn Neb Nev Okla Tenn Wis Wyo");

  /** Words that begin sentences in news text far more often than they begin names. */
  private static final Set<String> STARTERS =
      words(
          "The A An This That These Those There Here It Its He His Him She Her They Their We Our"
              + " I My You Your And But Or So Yet Nor Not No However Meanwhile Moreover Furthermore"
              + " Nevertheless Nonetheless Instead Indeed Still Also Then Thus Therefore Now Today"
              + " Yesterday Tomorrow Tonight Earlier Later Last Next In On At By For From To Of With"
              + " Without Within Into After Before During Until Since Despite Following According"
              + " Under Over Among Amid Against About Across Around As If Unless Because Although"
              + " Though While When Where What Who Whom Whose Which Why How Some Many Most Several"
              + " Few All Any Both Each Every Either Neither Other Others Another Such Only Even"
              + " Just More One Two Three Four Five Asked Overall");

  /** Verbs of an attribution after a quoted question or exclamation: {@code "Why?" Kirby asked.} */
  private static final Set<String> SPEECH_VERBS =
      words(
          "said says asked asks told tells added adds shouted shouts yelled cried wrote writes"
              + " replied replies answered tweeted posted insisted warned explained continued"
              + " declared noted stated exclaimed demanded wondered recalled chanted screamed"
              + " whispered responded countered quipped");

  /**
   * What may follow a clock time within its sentence ({@code 11 p.m. Saturday}, {@code 9 a.m. ET});
   * any other capitalized word after a.m./p.m. starts a new sentence ({@code at 3 p.m. Biden
   * spoke}).
   */
  private static final Set<String> TIME_QUALIFIERS =
      words(
          "ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET CEST IST Eastern Central"
              + " Mountain Pacific Greenwich Monday Tuesday Wednesday"
              + " Thursday Friday Saturday Sunday January February March April May June July"
              + " August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept"
              + " Oct Nov Dec");

  /** Longest word worth looking up; longer ones are in no list, so we skip the allocation. */
  private static final int MAX_WORD = 12;

  private SentenceRules() {}

  private static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.split(" "));
  }

  /** The letters and dots just before {@code period}: {@code U.S}, {@code Gen}, {@code a.m}. */
  static String wordBefore(String p, int period) {
    int j = period;
    while (j > 0 && period - j <= MAX_WORD) {
      char c = p.charAt(j - 1);
      if (!Character.isLetter(c) && c != '.') break;
      j--;
    }
    if (period - j > MAX_WORD) return "";
    return p.substring(j, period);
  }

  static boolean neverEnds(String word) {
    return NEVER_ENDS.contains(word);
  }

  static boolean isClockTime(String word) {
    return word.equalsIgnoreCase("a.m") || word.equalsIgnoreCase("p.m");
  }

  static boolean isTimeQualifier(String p, int at) {
    int end = letterEnd(p, at);
    return end > at && end - at <= MAX_WORD && TIME_QUALIFIERS.contains(p.substring(at, end));
  }

  /** A listed abbreviation, a single initial ({@code F}) or dotted initials ({@code J.R.R}). */
  static boolean isAbbreviation(String word) {
    if (word.isEmpty()) return false;
    if (ABBREVIATIONS.contains(word)) return true;
    if (word.length() % 2 == 0) return false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (i % 2 == 0 ? !Character.isLetter(c) : c != '.') return false;
    }
    return true;
  }

  /**
   * Whether the word at {@code at} is a sentence starter (and not itself an initial, {@code I.}).
   */
  static boolean isStarter(String p, int at) {
    int end = letterEnd(p, at);
    if (end == at || end - at > MAX_WORD) return false;
    if (end < p.length() && p.charAt(end) == '.') return false;
    return STARTERS.contains(p.substring(at, end));
  }

  /**
   * Whether capitalized words at {@code at} are a speaker followed by a speech verb, as in {@code
   * "Stop!" President Joe Biden shouted.}; a starter ({@code "Why?" He left.}) is not a speaker.
   */
  static boolean isAttribution(String p, int at) {
    if (isStarter(p, at)) return false;
    int pos = at;
    for (int words = 0; words < 5; words++) {
      int end = letterEnd(p, pos);
      if (end == pos || end - pos > MAX_WORD * 2) return false;
      if (Character.isLowerCase(p.charAt(pos))) {
        return SPEECH_VERBS.contains(p.substring(pos, end));
      }
      while (end < p.length() && ".-'’".indexOf(p.charAt(end)) >= 0) end++; // Sen. O'Brien
      pos = SentenceSplitter.skipSpace(p, end);
    }
    return false;
  }

  private static int letterEnd(String p, int from) {
    int i = from;
    while (i < p.length() && Character.isLetter(p.charAt(i))) i++;
    return i;
  }
}
