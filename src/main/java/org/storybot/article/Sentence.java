package org.storybot.article;

import java.util.Objects;

/**
 * One citable sentence of an article.
 *
 * @param ordinal position among the article's sentences, from 0
 * @param paragraph position of the paragraph the sentence belongs to, from 0
 * @param heading the sub-heading the sentence stands under, or {@code null} before the first one
 * @param start offset of the first character in the article's {@link Article#body() body}
 * @param end offset just past the last character in the body
 * @param text the sentence exactly as it stands in the body ({@code body.substring(start, end)})
 */
public record Sentence(
    int ordinal, int paragraph, String heading, int start, int end, String text) {
  public Sentence {
    if (ordinal < 0 || paragraph < 0) {
      throw new IllegalArgumentException("ordinal and paragraph must be >= 0");
    }
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad offsets [" + start + ", " + end + ")");
    }
    Objects.requireNonNull(text, "text");
    if (text.length() != end - start) {
      throw new IllegalArgumentException("text length does not match offsets");
    }
  }
}
