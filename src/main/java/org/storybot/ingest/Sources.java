package org.storybot.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.StoryIndex;

/**
 * Reads what a source holds into a {@link Run}: articles to consider, duplicates recognised early
 * (feed items), problems. Writes nothing. Thread-safe (stateless besides its collaborators).
 */
final class Sources {
  private static final Logger log = LoggerFactory.getLogger(Sources.class);
  private final StoryIndex index;
  private final Path folder;
  private final Fetcher fetcher;

  Sources(StoryIndex index, Path folder, Fetcher fetcher) {
    this.index = index;
    this.folder = folder;
    this.fetcher = fetcher;
  }

  /** Reads a path, or fetches an http(s) URL. */
  void read(String source, Run run) {
    if (Urls.looksLikeUrl(source)) {
      fromFetched(fetcher.get(uri(source)), run, Set.of());
    } else {
      fromPath(Path.of(source), run);
    }
  }

  static URI uri(String source) {
    try {
      return new URI(source);
    } catch (URISyntaxException e) {
      throw new FetchException("malformed URL: " + e.getReason());
    }
  }

  /** New feed items fetched per read of a feed: what one poll (or one ingest) may cost. */
  static final int MAX_NEW_ITEMS = 100;

  void fromPath(Path given, Run run) {
    Path path = given.toAbsolutePath().normalize();
    if (!Files.exists(path)) throw new FetchException("no such file or folder");
    if (Files.isRegularFile(path) && isSavedPage(path)) {
      run.candidates.add(new Run.Candidate(run.source, null, savedPage(path), null));
      return;
    }
    if (Files.isRegularFile(path) && !Articles.isArticleFile(path)) {
      throw new FetchException(
          "not an article file: expected .md, .txt, .jsonl or a web page saved as .html");
    }
    boolean inPlace = path.startsWith(folder);
    boolean single = Files.isRegularFile(path) && !path.toString().endsWith(".jsonl");
    Articles.Batch batch = Articles.readAll(path);
    batch.problems().forEach(p -> run.problem(run.source, p.getMessage()));
    for (Article a : batch.articles()) {
      String origin = single ? run.source : a.id() + " in " + run.source;
      run.candidates.add(
          inPlace
              ? new Run.Candidate(origin, a, null, single ? path : null)
              : new Run.Candidate(origin, null, Draft.of(a), null));
    }
  }

  /** A saved web page larger than this is refused unread. */
  static final long MAX_SAVED_PAGE_BYTES = 20L << 20;

  private static boolean isSavedPage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm");
  }

  /**
   * A web page saved from a browser, read as the page fetched from its URL would be. Its link is
   * the page's own (canonical or og:url); a page that names none gets no link, never the file's
   * path, which means nothing to a reader of the citation.
   */
  private static Draft savedPage(Path file) {
    byte[] html;
    try {
      if (Files.size(file) > MAX_SAVED_PAGE_BYTES) {
        throw new FetchException("larger than " + (MAX_SAVED_PAGE_BYTES >> 20) + " MB");
      }
      html = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FetchException("cannot read the file: " + e.getMessage(), e);
    }
    if (html.length == 0) throw new FetchException("empty file");
    if (Articles.looksBinary(html)) throw new FetchException("binary content, not a web page");
    Draft d = Pages.extract(file.toUri(), html, null);
    boolean ownLink = d.url() != null && !d.url().startsWith("file:");
    return ownLink ? d : new Draft(d.title(), d.source(), null, d.published(), d.body());
  }

  void fromFetched(Fetched f, Run run, Set<String> seen) {
    if (f.body().length == 0) throw new FetchException("empty response");
    if (Articles.looksBinary(f.body())) {
      throw new FetchException("binary content, not a web page or a feed");
    }
    switch (Feeds.kind(f)) {
      case PAGE -> run.candidates.add(new Run.Candidate(run.source, null, page(f), null));
      case FEED -> fromFeed(Feeds.parse(f.body()), run, seen);
      case OTHER ->
          throw new FetchException(
              "not an HTML page or an RSS/Atom feed (content type "
                  + (f.contentType() == null ? "missing" : f.contentType())
                  + ")");
    }
  }

  private static Draft page(Fetched f) {
    if (f.body().length == 0) throw new FetchException("empty page");
    if (Feeds.kind(f) != Feeds.Kind.PAGE) {
      throw new FetchException("not an HTML page (content type " + f.contentType() + ")");
    }
    return Pages.extract(f.uri(), f.body(), f.charset());
  }

  /**
   * Each new item's page is fetched and extracted; when that fails, the item's own text (full
   * content or description) stands in, if it has any, so a feed whose pages block robots still
   * yields its summaries. At most {@link #MAX_NEW_ITEMS} new items are fetched per read of a feed;
   * the rest are left for the next (reported as a problem, so the feed is read in full again rather
   * than answered "not modified").
   */
  private void fromFeed(List<Feeds.Item> items, Run run, Set<String> seen) {
    Known known = Known.of(index);
    int fetched = 0;
    for (int i = 0; i < items.size(); i++) {
      Feeds.Item item = items.get(i);
      String link = Urls.canonical(item.link());
      if (seen.contains(link)) continue;
      IngestReport.Duplicate dup = known.duplicate(item.link(), item.title(), link, null);
      if (dup != null) {
        run.duplicates.add(dup);
        continue;
      }
      if (fetched++ == MAX_NEW_ITEMS) {
        run.problem(
            run.source,
            "more than "
                + MAX_NEW_ITEMS
                + " new items: took the first "
                + MAX_NEW_ITEMS
                + ", the rest come with the next read of the feed");
        return;
      }
      try {
        Draft d = page(fetcher.get(uri(item.link())));
        String published = d.published() != null ? d.published() : item.published();
        run.candidates.add(
            new Run.Candidate(
                item.link(),
                null,
                new Draft(d.title(), d.source(), d.url(), published, d.body()),
                null));
      } catch (FetchException e) {
        if (item.title() == null || item.text().isBlank()) {
          run.problem(item.link(), e.getMessage());
          continue;
        }
        log.warn("{}: {}; using the feed's own text for it", item.link(), e.getMessage());
        String host = host(link);
        run.candidates.add(
            new Run.Candidate(
                item.link(),
                null,
                new Draft(item.title(), host, link, item.published(), item.text()),
                null));
      }
    }
  }

  private static String host(String url) {
    try {
      return new URI(url).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
