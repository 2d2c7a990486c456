package org.storybot.answer;

import java.util.Objects;
import org.storybot.index.IndexedSentence;

/**
 * One numbered source of an answer.
 *
 * @param n the number used in the answer text's {@code [n]} markers, from 1
 * @param articleId the article's id
 * @param title the article's headline
 * @param url link to the article, or {@code null}
 * @param published publication date, or {@code null}
 * @param sentence the cited sentence exactly as it stands in the article
 * @param ordinal the sentence's position in its article
 */
public record Citation(
    int n,
    String articleId,
    String title,
    String url,
    String published,
    String sentence,
    int ordinal) {
  public Citation {
    if (n < 1) throw new IllegalArgumentException("citation numbers start at 1, got " + n);
    Objects.requireNonNull(articleId, "articleId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(sentence, "sentence");
  }

  /** The cited sentence's {@link IndexedSentence#key()}. */
  public String key() {
    return IndexedSentence.key(articleId, ordinal);
  }

  /** Citation number {@code n} of the indexed sentence {@code s}. */
  static Citation of(int n, IndexedSentence s) {
    return new Citation(n, s.articleId(), s.title(), s.url(), s.published(), s.text(), s.ordinal());
  }
}
