package org.storybot.ingest;

import org.storybot.article.Article;

/**
 * An article as found in a page or feed, before it has an id: Markdown-like {@code body} (blank
 * lines between paragraphs, {@code ## } headings); {@code source}, {@code url} and {@code
 * published} may be {@code null}.
 */
record Draft(String title, String source, String url, String published, String body) {
  /** The draft of an article already read, without its id. */
  static Draft of(Article a) {
    return new Draft(a.title(), a.source(), a.url(), a.published(), a.body());
  }
}
