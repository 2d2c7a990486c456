package org.storybot.article;

import java.util.List;
import java.util.Objects;

/**
 * An article about the story, split into sentences.
 *
 * @param id stable identifier (the file name without extension, or the JSONL {@code id})
 * @param title headline
 * @param source publisher, or {@code null} when unknown
 * @param url link to the original, or {@code null} when unknown
 * @param published publication date as written in the source (ISO-8601 preferred), or {@code null}
 * @param body the article text: paragraphs separated by blank lines, sub-headings as {@code ## }
 *     lines
 * @param sentences the citable sentences of the body, in order; offsets point into {@code body}
 * @param related "Read more" links and titles: kept, but never cited as facts
 * @param contentHash SHA-256 of everything above, used to notice changed articles
 */
public record Article(
    String id,
    String title,
    String source,
    String url,
    String published,
    String body,
    List<Sentence> sentences,
    List<String> related,
    String contentHash) {

  public Article {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("article id must not be blank");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentHash, "contentHash");
    source = blankToNull(source);
    url = blankToNull(url);
    published = blankToNull(published);
    sentences = List.copyOf(sentences);
    related = List.copyOf(related);
  }

  /**
   * SHA-256 of the article's words alone (case, spacing and punctuation ignored): the same story
   * text published under another URL or title has the same hash.
   */
  public String textHash() {
    return Body.sha256(
        body.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
