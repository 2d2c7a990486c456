package org.storybot.article;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one paragraph of news text into sentences, keeping character offsets.
 *
 * <p>A small rule scanner: a run of {@code . ? ! …}, plus any closing quotes or brackets right
 * after it, ends a sentence when whitespace follows and the next word can start one. Abbreviations,
 * initials, ellipses and quote attributions ({@code "Stop!" Biden said.}) are judged by {@code
 * SentenceRules}. A blank line inside the text always ends a sentence. Runs in linear time and
 * keeps no state, so it is thread-safe.
 */
public final class SentenceSplitter {

  /** A sentence's position in the paragraph: {@code text.substring(start, end)}, trimmed. */
  public record Span(int start, int end) {
    public Span {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
      }
    }
  }

  private static final String CLOSERS = "\"”’')]»";
  private static final String OPENERS = "\"“‘'([«";

  private SentenceSplitter() {}

  /** Returns the sentences of {@code paragraph} in order, without surrounding whitespace. */
  public static List<Span> split(String paragraph) {
    String p = paragraph;
    int n = p.length();
    List<Span> spans = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = p.charAt(i);
      if (c == '\n' && blankLineFollows(p, i)) {
        // A blank line inside the "paragraph" is a paragraph break: never join across it.
        add(spans, p, start, i);
        start = i++;
        continue;
      }
      if (!isTerminator(c)) {
        i++;
        continue;
      }
      int runEnd = i;
      int dots = 0;
      boolean question = false;
      for (; runEnd < n && isTerminator(p.charAt(runEnd)); runEnd++) {
        char t = p.charAt(runEnd);
        question |= t == '?' || t == '!';
        dots += t == '.' ? 1 : t == '…' ? 3 : 0;
      }
      int end = runEnd;
      while (end < n && CLOSERS.indexOf(p.charAt(end)) >= 0) end++;
      if (endsSentence(p, i, end, question, dots >= 2, end > runEnd)) {
        add(spans, p, start, end);
        start = end;
      }
      i = end;
    }
    add(spans, p, start, n);
    return spans;
  }

  /**
   * Whether the terminator run starting at {@code first}, with closers up to {@code end}, ends a
   * sentence.
   */
  private static boolean endsSentence(
      String p, int first, int end, boolean question, boolean ellipsis, boolean closed) {
    int n = p.length();
    if (end < n && !isSpace(p.charAt(end))) return false; // 3.5, bbc.co.uk, U.S.-led, "Why?",
    int next = skipSpace(p, end);
    if (next == n) return true;
    int word = next;
    while (word < n && OPENERS.indexOf(p.charAt(word)) >= 0) word++;
    if (word == n) return true;
    char f = p.charAt(word);
    boolean capital = Character.isLetter(f) && !Character.isLowerCase(f);
    if (!capital && !Character.isDigit(f)) return false; // lowercase or punctuation goes on
    if (question) return !(closed && capital && SentenceRules.isAttribution(p, word));
    if (closed) return true; // a quote or bracket closing after the period ends the sentence
    if (ellipsis) return capital && SentenceRules.isStarter(p, word);
    String before = SentenceRules.wordBefore(p, first);
    if (SentenceRules.neverEnds(before)) return false; // Gen. Smith, e.g. The Times
    if (SentenceRules.isClockTime(before)) {
      return capital && !SentenceRules.isTimeQualifier(p, word); // 9 a.m. ET, 2 a.m. The
    }
    if (SentenceRules.isAbbreviation(before)) return capital && SentenceRules.isStarter(p, word);
    return true;
  }

  private static boolean blankLineFollows(String p, int newline) {
    for (int j = newline + 1; j < p.length() && isSpace(p.charAt(j)); j++) {
      if (p.charAt(j) == '\n') return true;
    }
    return false;
  }

  private static void add(List<Span> spans, String p, int from, int to) {
    int a = from;
    while (a < to && isSpace(p.charAt(a))) a++;
    int b = to;
    while (b > a && isSpace(p.charAt(b - 1))) b--;
    if (b > a) spans.add(new Span(a, b));
  }

  static int skipSpace(String p, int from) {
    int i = from;
    while (i < p.length() && isSpace(p.charAt(i))) i++;
    return i;
  }

  /** Whitespace including no-break spaces, which news sites put after titles and before units. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '?' || c == '!' || c == '…';
  }
}
