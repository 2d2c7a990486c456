package org.storybot.answer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.Candidate;

/**
 * "What did Kirby say?": a question about what someone said, asking nothing more specific. The
 * ranker and the abstention model learned from SQuAD, whose questions ask for one thing said, so
 * they doubt such a broad question even when the articles quote the person; yet any sentence that
 * names the speaker and reports their words ("Kirby revealed that ...", "... said Austin") answers
 * it. Such a sentence, the best placed by the ranker, is put first. Asked where or about what
 * ("what did Kirby say on NBC?", "what did Biden say about the G7?"), the sentence must hold those
 * words too.
 *
 * <p>A sentence that reports a pronoun's words ("..., he told NBC's Meet the Press") reports the
 * speaker's when the sentence before it reports theirs ("Kirby revealed that ...").
 *
 * @param speaker the words naming who spoke, lower case ("kirby", "the white house")
 * @param about the words naming where, to whom or about what they spoke, lower case ("nbc"); empty
 *     when the question does not say
 */
record SaidBy(List<String> speaker, List<String> about) implements Preferred {
  /**
   * "what did X say", "what has X said so far?", "what is X saying about it", and the same asked
   * indirectly ("(do you know) what X said").
   */
  private static final Pattern QUESTION =
      Pattern.compile(
          "^(?:so |and )?what (?:(?:did|does|do|has|have|had|is|are|was|were) (.{2,40}?) "
              + "(?:say|said|saying|says|tell us|told us|announce|announced|reveal|revealed)"
              + "|(.{2,40}?) (?:said|says|has said|have said|had said|is saying|was saying))"
              + "(?: (?:about (?:it|this|that|the story|the attack)|so far|today|then|now)"
              + "| (?:on|to|about|in|at|during|after|regarding|of) (.{1,40}?))?$");

  /**
   * "what is the US position?", "what's Biden's stance on Israel?", "what was Iran's response?":
   * where someone stands is what they said.
   */
  private static final Pattern STANCE =
      Pattern.compile(
          "^(?:so |and )?what(?:'s| is| was| are| were) (?:the )?(.{2,40}?)(?:'s)?"
              + " (?:position|stance|view|views|response|reaction|line|message)"
              + "(?: (?:on|to|about|regarding|towards) (.{1,40}?))?$");

  /** Verbs that report what the word just before them (the speaker, or their title) said. */
  private static final Set<String> REPORTING =
      Preferred.listed(
          """
          said says told tells revealed reveals announced announces added warned warns stated
          promised noted stressed insisted insists declared wrote posted urged confirmed claimed
          explained vowed pledged threatened argued acknowledged denied tweeted replied admitted
          emphasized emphasised reiterated asserted remarked suggested""");

  /**
   * Verbs that report the speaker named just after them, perhaps behind a title: "..., said
   * Austin", "said US President Joe Biden".
   */
  private static final Set<String> REPORTING_BEFORE = Set.of("said", "says", "added", "wrote");

  /** Words of a speaker's description that do not name them, and words that name nobody. */
  private static final Set<String> NOT_A_NAME =
      Preferred.listed(
          """
          the a an of and or mr mrs ms dr his her their he she they it you we i people someone
          anyone everyone nobody somebody this that is was be been did does has have had else
          exactly""");

  /** Words that open a description of something, not of someone ("a similar view"). */
  private static final Set<String> NOT_WHO =
      Preferred.listed("a an this that these those its some any another such similar");

  /** Words of where or about what someone spoke that a sentence need not hold. */
  private static final Set<String> NOT_ABOUT =
      Preferred.listed(
          """
          the a an of and or on to in at his her their its it this that these those about
          regarding during after""");

  /** Pronouns whose words a sentence may report, the speaker named in the sentence before. */
  private static final Set<String> PRONOUNS = Set.of("he", "she");

  /** How far apart a speaker's name and a reporting verb may be, in words ("Biden also said"). */
  private static final int NEAR = 3;

  /** The question's speaker, when {@code question} only asks what they said. */
  static Optional<SaidBy> of(String question) {
    String plain = Preferred.plain(question);
    Matcher m = QUESTION.matcher(plain);
    if (m.matches()) return of(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
    Matcher stance = STANCE.matcher(plain);
    return stance.matches() ? of(stance.group(1), stance.group(2)) : Optional.empty();
  }

  private static Optional<SaidBy> of(String speaker, String about) {
    List<String> words = Preferred.words(speaker).stream().map(Preferred::lower).toList();
    if (words.isEmpty() || NOT_WHO.contains(words.getFirst())) return Optional.empty();
    if (words.stream().anyMatch(w -> w.equals("not") || w.equals("that") || REPORTING.contains(w)))
      return Optional.empty(); // "what does X not say?", "what did X claim that Y said?"
    List<String> names = words.stream().filter(w -> !NOT_A_NAME.contains(w)).toList();
    List<String> on =
        about == null
            ? List.of()
            : Preferred.words(about).stream()
                .map(Preferred::lower)
                .filter(w -> !NOT_ABOUT.contains(w))
                .toList();
    return names.isEmpty() ? Optional.empty() : Optional.of(new SaidBy(names, on));
  }

  /**
   * Whether {@code sentence} reports what the speaker said: one of the speaker's words shortly
   * before a reporting verb ("Biden told", "Kirby also revealed"), after one with nothing but
   * capitalised words between ("said Austin", "said US President Joe Biden"), or after "according
   * to".
   */
  boolean reports(String sentence) {
    List<String> w = Preferred.words(sentence);
    List<List<String>> aliases = Names.aliases(speaker);
    for (int i = 0; i < w.size(); i++) {
      int end = mention(w, i, aliases);
      if (end < 0) continue;
      for (int j = end; j <= Math.min(w.size() - 1, end - 1 + NEAR); j++) {
        if (REPORTING.contains(Preferred.lower(w.get(j)))) return true;
      }
      if (i >= 2
          && Preferred.lower(w.get(i - 1)).equals("to")
          && Preferred.lower(w.get(i - 2)).equals("according")) {
        return true;
      }
      for (int j = i - 1; j >= Math.max(0, i - NEAR - 1); j--) {
        if (REPORTING_BEFORE.contains(Preferred.lower(w.get(j)))) return true;
        if (!Character.isUpperCase(w.get(j).codePointAt(0))) break; // not a title or a name
      }
    }
    return false;
  }

  /** Whether {@code sentence} reports the words of "he" or "she" ("..., he told NBC"). */
  private static boolean reportsPronoun(String sentence) {
    List<String> w = Preferred.words(sentence);
    for (int i = 0; i < w.size(); i++) {
      if (!PRONOUNS.contains(Preferred.lower(w.get(i)))) continue;
      for (int j = i + 1; j <= Math.min(w.size() - 1, i + NEAR); j++) {
        if (REPORTING.contains(Preferred.lower(w.get(j)))) return true;
      }
    }
    return false;
  }

  /** Whether {@code sentence} holds every word of {@link #about} (or a slip of it, a plural). */
  boolean isAbout(String sentence) {
    List<String> words = Preferred.words(sentence).stream().map(Preferred::lower).toList();
    for (String a : about) {
      if (words.stream().noneMatch(w -> holds(w, a))) return false;
    }
    return true;
  }

  /** Whether {@code word} is {@code about}, a plural of it or a slip ("X" is no "Xi's"). */
  private static boolean holds(String word, String about) {
    if (about.length() < 4) return word.equals(about);
    return word.startsWith(about) && word.length() <= about.length() + 2
        || Names.misspelt(about, word);
  }

  @Override
  public List<String> subject() {
    return speaker;
  }

  @Override
  public boolean fits(String sentence) {
    return reports(sentence) && isAbout(sentence);
  }

  @Override
  public boolean fits(Candidate candidate) {
    String text = candidate.sentence().text();
    if (!isAbout(text)) return false;
    return reports(text) || (reportsPronoun(text) && reports(candidate.previous()));
  }

  /**
   * Where a mention of the speaker that starts at {@code at} ends (the index after it), or -1: one
   * of their words, or another name of the same place, capitalised ("the United States" for "the
   * US", "Tehran" or the "IRGC" for Iran). "us" is the US only in capitals.
   */
  private int mention(List<String> w, int at, List<List<String>> aliases) {
    String word = w.get(at);
    String lower = Preferred.lower(word);
    if (isSpeaker(lower) && !(lower.equals("us") && word.equals(lower))) return at + 1;
    if (!Character.isUpperCase(word.codePointAt(0))) return -1;
    for (List<String> alias : aliases) {
      if (at + alias.size() > w.size()) continue;
      boolean same = true;
      for (int k = 0; k < alias.size() && same; k++) {
        same = Preferred.lower(w.get(at + k)).equals(alias.get(k));
      }
      if (same) return at + alias.size();
    }
    return -1;
  }

  /** Whether {@code word} is one of the speaker's words, or one they misspelt ("kirbi"). */
  private boolean isSpeaker(String word) {
    for (String s : speaker) if (s.equals(word) || Names.misspelt(s, word)) return true;
    return false;
  }
}
