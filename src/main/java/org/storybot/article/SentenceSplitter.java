package org.storybot.article;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits one paragraph of news text into sentences, keeping character offsets. Thread-safe.
 *
 * <p>First version: the JDK's {@link BreakIterator}; to be replaced by a news-aware splitter.
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

  private SentenceSplitter() {}

  /** Returns the sentences of {@code paragraph} in order, without surrounding whitespace. */
  public static List<Span> split(String paragraph) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(paragraph);
    List<Span> spans = new ArrayList<>();
    for (int s = it.first(), e = it.next(); e != BreakIterator.DONE; s = e, e = it.next()) {
      int a = s;
      int b = e;
      while (a < b && Character.isWhitespace(paragraph.charAt(a))) a++;
      while (b > a && Character.isWhitespace(paragraph.charAt(b - 1))) b--;
      if (b > a) spans.add(new Span(a, b));
    }
    return spans;
  }
}
