package org.storybot.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.storybot.article.Article;
import org.storybot.index.ArticleInfo;
import org.storybot.index.StoryIndex;

/**
 * The indexed articles' ids and content hashes, to recognise edits, and their canonical URLs and
 * text hashes, to recognise duplicates.
 */
final class Known {
  private final Map<String, String> contentHashes = new HashMap<>();
  final Set<String> ids = contentHashes.keySet();
  private final Map<String, String> byUrl = new HashMap<>();
  private final Map<String, String> byText = new HashMap<>();

  static Known of(StoryIndex index) {
    Known k = new Known();
    for (ArticleInfo a : index.articles()) {
      k.put(a.id(), a.contentHash(), a.url(), a.textHash());
    }
    return k;
  }

  void add(Article a) {
    put(a.id(), a.contentHash(), a.url(), a.textHash());
  }

  /** True when an article with {@code a}'s id is indexed in another version than {@code a}. */
  boolean edited(Article a) {
    String indexed = contentHashes.get(a.id());
    return indexed != null && !indexed.equals(a.contentHash());
  }

  private void put(String id, String contentHash, String url, String textHash) {
    contentHashes.put(id, contentHash);
    String canonical = Urls.canonical(url);
    if (canonical != null) byUrl.putIfAbsent(canonical, id);
    if (textHash != null) byText.putIfAbsent(textHash, id);
  }

  /** The duplicate report when {@code url} or {@code textHash} is known, else {@code null}. */
  IngestReport.Duplicate duplicate(String origin, String title, String url, String textHash) {
    String canonical = Urls.canonical(url);
    if (canonical != null && byUrl.containsKey(canonical)) {
      return new IngestReport.Duplicate(origin, title, byUrl.get(canonical), "same URL");
    }
    if (textHash != null && byText.containsKey(textHash)) {
      return new IngestReport.Duplicate(origin, title, byText.get(textHash), "same text");
    }
    return null;
  }
}
