package org.storybot.ingest;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.article.Article;
import org.storybot.article.ArticleFormatException;
import org.storybot.article.Articles;
import org.storybot.index.IndexException;
import org.storybot.index.StoryIndex;

/**
 * This replica's side of the {@link ArticleTable} that replicas sharing PostgreSQL keep in common:
 * it publishes the articles ingested here, and follows the table to bring in, quietly, the ones the
 * others published. The table decides new articles' ids and which article repeats which.
 *
 * <p>Thread-safe through the {@link Ingester}'s commit lock, shared by constructor: {@link
 * #catchUp()} and {@link #follow()} take it, and the {@code publish} methods are called by the
 * {@link Ingester} while it holds it, so following never interleaves with a commit. Holds no
 * resources of its own.
 */
final class SharedArticles {
  /** Rows of the shared table read per {@link #follow()}. */
  static final int FOLLOW_BATCH = 200;

  private static final Logger log = LoggerFactory.getLogger(SharedArticles.class);
  private final ArticleTable table;
  private final StoryIndex index;
  private final ArticleFiles files;
  private final Clock clock;
  private final ReentrantLock commitLock;
  private long followed; // the last seq of the shared table applied here (under commitLock)

  SharedArticles(
      ArticleTable table,
      StoryIndex index,
      ArticleFiles files,
      Clock clock,
      ReentrantLock commitLock) {
    this.table = table;
    this.index = index;
    this.files = files;
    this.clock = clock;
    this.commitLock = commitLock;
  }

  /**
   * Publishes an article of this replica's folder under its own id; returns the duplicate when the
   * table has the same article under another id. Called with the commit lock held.
   */
  IngestReport.Duplicate publish(String origin, Article a) {
    Draft d = Draft.of(a);
    return table
        .publish(a.id(), d, a.textHash(), null, clock.instant())
        .duplicate(origin, a.title());
  }

  /**
   * Publishes a new article under an id the table decides, fresh in the table and among {@code
   * known} ids here, so that no replica gives another article the same one. Called with the commit
   * lock held.
   */
  ArticleTable.Published publishNew(Draft d, String textHash, Set<String> known) {
    return table.publish(
        null,
        d,
        textHash,
        shared -> files.nextId(d.title(), union(known, shared)),
        clock.instant());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Publishes the indexed articles the table lacks, then brings in every article of the table this
   * index lacks (see {@link Ingester#catchUp()}).
   *
   * @return how many articles came in from the table
   */
  int catchUp() {
    if (index.readOnly()) return 0;
    commitLock.lock();
    try {
      Set<String> missing = new HashSet<>(Known.of(index).ids);
      missing.removeAll(table.ids());
      if (!missing.isEmpty()) {
        for (Article a : Articles.readAll(files.folder()).articles()) {
          if (!missing.contains(a.id())) continue;
          IngestReport.Duplicate dup = publish(a.id(), a);
          if (dup != null) {
            log.warn(
                "article {} repeats {} of the shared articles ({}): not shared",
                a.id(),
                dup.duplicateOf(),
                dup.reason());
          }
        }
        log.info("published {} article(s) of this replica to the shared table", missing.size());
      }
    } finally {
      commitLock.unlock();
    }
    int before = index.articles().size();
    while (follow() > 0) {
      // read the table to its end
    }
    return index.articles().size() - before;
  }

  /**
   * Brings in up to {@link #FOLLOW_BATCH} rows published since the last call (see {@link
   * Ingester#follow()}).
   *
   * @return how many rows were read (0 when there was nothing new)
   */
  int follow() {
    if (index.readOnly()) return 0;
    commitLock.lock();
    try {
      List<ArticleTable.Row> rows = table.after(followed, FOLLOW_BATCH);
      if (rows.isEmpty()) return 0;
      Known known = Known.of(index);
      for (ArticleTable.Row row : rows) {
        try {
          bringIn(row, known);
        } catch (IndexException | UncheckedIOException | ArticleFormatException e) {
          // Left out until the next start, which follows the table from its first row again.
          log.error("cannot bring in shared article {}: {}", row.id(), e.getMessage());
        }
        followed = row.seq();
      }
      return rows.size();
    } finally {
      commitLock.unlock();
    }
  }

  private void bringIn(ArticleTable.Row row, Known known) {
    if (known.ids.contains(row.id())) return; // ingested here, or brought in before
    Draft d = row.draft();
    Article probe = Articles.of(row.id(), d.title(), d.source(), d.url(), d.published(), d.body());
    IngestReport.Duplicate dup = known.duplicate(row.id(), d.title(), d.url(), probe.textHash());
    if (dup != null) {
      log.warn(
          "shared article {} repeats {} here ({}): not indexed",
          row.id(),
          dup.duplicateOf(),
          dup.reason());
      return;
    }
    Path file = files.folder().resolve(row.id() + ".md");
    if (!Files.exists(file)) file = files.write(row.id(), d);
    Article a = Articles.read(file);
    index.add(a);
    known.add(a);
    log.info("article {} came in from the shared table", a.id());
  }
}
