package org.storybot.index;

import java.util.List;

/**
 * What the index knows about one article, enough to list and cite it.
 *
 * @param published publication date as written in the source, or {@code null}
 * @param indexedAt when this version of the article entered the index (epoch millis)
 * @param textHash hash of the article's words alone ({@link
 *     org.storybot.article.Article#textHash()})
 * @param related "Read more" lines of the article, never cited
 */
public record ArticleInfo(
    String id,
    String title,
    String source,
    String url,
    String published,
    int sentenceCount,
    long indexedAt,
    String contentHash,
    String textHash,
    List<String> related) {
  public ArticleInfo {
    related = List.copyOf(related);
  }
}
