package org.storybot.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.storybot.article.Article;
import org.storybot.index.ArticleInfo;
import org.storybot.index.StoryIndex;

/** The indexed articles' ids, canonical URLs and text hashes, to recognise duplicates. */
final class Known {
  final Set<String> ids = new HashSet<>();
  private final Map<String, String> byUrl = new HashMap<>();
  private final Map<String, String> byText = new HashMap<>();

  static Known of(StoryIndex index) {
    Known k = new Known();
    for (ArticleInfo a : index.articles()) k.put(a.id(), a.url(), a.textHash());
    return k;
  }

  void add(Article a) {
    put(a.id(), a.url(), a.textHash());
  }

  private void put(String id, String url, String textHash) {
    ids.add(id);
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
