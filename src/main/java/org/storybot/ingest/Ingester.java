package org.storybot.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.article.Article;
import org.storybot.article.ArticleFormatException;
import org.storybot.article.Articles;
import org.storybot.index.IndexException;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;

/**
 * Brings new articles into the story: from a Markdown or text file, a folder, a JSONL corpus, a web
 * page URL or an RSS/Atom feed URL. Each genuinely new article is written into the articles folder
 * as {@code NNN-slug.md} (so the next start keeps it), added to the index (searchable at once) and
 * passed to the listener exactly once. Articles with the same canonical URL or the same text as an
 * indexed one are reported as duplicates and left out.
 *
 * <p>When another process (a running bot) holds the index, the index is read-only here: new
 * articles are only written into the folder, still reported as added, and not passed to the
 * listener; that process's {@link Watcher} indexes and announces them.
 *
 * <p>With replicas sharing PostgreSQL, each new article is also published to the shared article
 * table, which decides its id and whether it repeats one another replica has; {@link #follow()} and
 * {@link #catchUp()} bring in what the others published.
 *
 * <p>Thread-safe: fetching and reading run in parallel; checking for duplicates, writing and
 * indexing are serialised. The listener runs on the calling thread after the article is indexed; an
 * exception from it is logged and does not undo the article. Holds no resources of its own: the
 * index and fetcher belong to the caller.
 */
public final class Ingester {
  /** Reports progress through a long source (a corpus): {@code done} of {@code total} articles. */
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void step(int done, int total);
  }

  /** A file dropped into the folder counts once it has not changed for this long. */
  static final Duration QUIET = Duration.ofSeconds(1);

  /** A temporary article file this old was left by a process that died while writing it. */
  static final Duration UNFINISHED = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(Ingester.class);
  private final StoryIndex index;
  private final ArticleFiles files;
  private final Path folder;
  private final Sources sources;
  private final Clock clock;
  private final Consumer<Article> listener;
  // Serialises commits, and following the shared table with them.
  private final ReentrantLock commitLock = new ReentrantLock();
  private final ReentrantLock scanLock = new ReentrantLock();
  private final Map<Path, FileTime> scanned = new ConcurrentHashMap<>();
  private final SharedArticles shared; // null unless replicas share the database

  public Ingester(
      StoryIndex index,
      Path articlesFolder,
      Fetcher fetcher,
      Clock clock,
      Consumer<Article> listener) {
    this(index, articlesFolder, fetcher, clock, listener, null);
  }

  /**
   * As above; when {@code db} is a database that replicas share (PostgreSQL), every new article is
   * published to its article table, and {@link #catchUp()} and {@link #follow()} bring in the
   * articles other replicas publish. The database belongs to the caller.
   */
  public Ingester(
      StoryIndex index,
      Path articlesFolder,
      Fetcher fetcher,
      Clock clock,
      Consumer<Article> listener,
      Database db) {
    this.index = index;
    this.folder = articlesFolder.toAbsolutePath().normalize();
    this.files = new ArticleFiles(folder);
    this.shared =
        db != null && db.shared()
            ? new SharedArticles(new ArticleTable(db), index, files, clock, commitLock)
            : null;
    this.sources = new Sources(index, folder, fetcher);
    this.clock = clock;
    this.listener = listener;
    try {
      int removed = files.removeUnfinished(clock.instant().minus(UNFINISHED));
      if (removed > 0) log.info("removed {} unfinished article write(s) in {}", removed, folder);
    } catch (UncheckedIOException e) {
      log.warn("cannot clean up unfinished writes: {}", e.getMessage());
    }
  }

  /** Ingests one path or http(s) URL; never throws for bad input (see the report's problems). */
  public IngestReport ingest(String source) {
    return ingest(source, Progress.NONE);
  }

  /**
   * Ingests a web page or feed URL only, never a local path: for requests from chat users ({@code
   * /add URL}), who must not make the bot read files on its own machine.
   */
  public IngestReport ingestUrl(String url) {
    if (url == null || !Urls.looksLikeUrl(url.strip())) {
      return new IngestReport(
          String.valueOf(url),
          List.of(),
          List.of(),
          List.of(
              new IngestReport.Problem(String.valueOf(url), "not a URL: give an http(s) link")));
    }
    return ingest(url.strip());
  }

  /** As {@link #ingest(String)}, reporting progress while indexing. */
  public IngestReport ingest(String source, Progress progress) {
    Run run = new Run(source);
    try {
      if (source == null || source.isBlank()) throw new FetchException("nothing to ingest");
      sources.read(source.strip(), run);
    } catch (FetchException | ArticleFormatException | UncheckedIOException e) {
      run.problem(source, e.getMessage());
    } catch (RuntimeException e) {
      // A parser choking on odd input, or a bug: logged whole, reported, never fatal to the caller.
      log.error("unexpected failure ingesting {}", source, e);
      run.problem(source, "cannot ingest: " + e);
    }
    return commit(run, progress);
  }

  /** Ingests an already fetched page or feed, skipping feed items whose link is in {@code seen}. */
  IngestReport ingestFetched(String source, Fetched fetched, Set<String> seen) {
    Run run = new Run(source);
    try {
      sources.fromFetched(fetched, run, seen);
    } catch (FetchException e) {
      run.problem(source, e.getMessage());
    }
    return commit(run, Progress.NONE);
  }

  /**
   * Ingests, in place, article files in the articles folder that are new or changed since the last
   * scan and quiet for {@link #QUIET}; files whose articles are all indexed already say nothing.
   * Returns one report per file that added, skipped or failed something.
   */
  List<IngestReport> scanFolder() {
    if (!Files.isDirectory(folder) || !scanLock.tryLock()) return List.of();
    try (Stream<Path> walk = Files.walk(folder)) {
      List<IngestReport> reports = new ArrayList<>();
      Instant settled = clock.instant().minus(QUIET);
      for (Path file : walk.filter(Articles::isArticleFile).sorted().toList()) {
        FileTime time = Files.getLastModifiedTime(file);
        if (time.toInstant().isAfter(settled) || time.equals(scanned.put(file, time))) continue;
        IngestReport r = ingest(file.toString());
        if (!r.added().isEmpty() || !r.duplicates().isEmpty() || !r.ok()) reports.add(r);
      }
      return reports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + folder, e);
    } finally {
      scanLock.unlock();
    }
  }

  private IngestReport commit(Run run, Progress progress) {
    List<Article> added = new ArrayList<>();
    if (!run.candidates.isEmpty()) {
      commitLock.lock();
      try {
        Known known = Known.of(index);
        int total = run.candidates.size(), done = 0;
        for (Run.Candidate c : run.candidates) {
          try {
            Article a = commitOne(c, known, run);
            if (a != null) added.add(a);
          } catch (FetchException
              | IndexException
              | UncheckedIOException
              | ArticleFormatException
              | IllegalStateException e) {
            run.problem(c.origin(), e.getMessage());
          } catch (RuntimeException e) {
            log.error("unexpected failure adding {}", c.origin(), e);
            run.problem(c.origin(), "cannot add: " + e);
          }
          progress.step(++done, total);
        }
      } finally {
        commitLock.unlock();
      }
    }
    for (Article a : added) {
      try {
        listener.accept(a);
      } catch (RuntimeException e) {
        log.error("new-article listener failed for {}", a.id(), e);
      }
    }
    return run.report();
  }

  /** Indexes one candidate unless it is known; returns it when it is new. */
  private Article commitOne(Run.Candidate c, Known known, Run run) {
    if (c.draft() == null) {
      Article a = c.article();
      if (index.readOnly()) return null; // the process holding the index will pick it up
      if (known.ids.contains(a.id())) {
        // Indexed already (perhaps written by us). An edited file replaces its old version in
        // place, quietly: a corrected typo is not news for subscribers.
        if (known.edited(a) && index.add(a)) {
          known.add(a);
          log.info("article {} changed on disk: re-indexed", a.id());
        }
        return null;
      }
      IngestReport.Duplicate dup = known.duplicate(c.origin(), a.title(), a.url(), a.textHash());
      if (dup == null && shared != null) dup = shared.publish(c.origin(), a);
      if (dup != null) {
        run.duplicates.add(dup);
        setAside(c.file());
        return null;
      }
      index.add(a);
      known.add(a);
      run.added.add(new IngestReport.Added(c.origin(), a));
      return a;
    }
    Draft d = c.draft();
    Article probe = Articles.of("new", d.title(), d.source(), d.url(), d.published(), d.body());
    if (probe.sentences().isEmpty()) throw new FetchException("no sentences in the article text");
    IngestReport.Duplicate dup = known.duplicate(c.origin(), d.title(), d.url(), probe.textHash());
    String id = null;
    if (dup == null && shared != null) {
      // The table decides the id, so that no replica gives another article the same one.
      ArticleTable.Published p = shared.publishNew(d, probe.textHash(), known.ids);
      dup = p.duplicate(c.origin(), d.title());
      id = p.id();
    }
    if (dup != null) {
      run.duplicates.add(dup);
      return null;
    }
    Path file = files.write(id != null ? id : files.nextId(d.title(), known.ids), d);
    try {
      Article a = Articles.read(file);
      if (index.readOnly()) {
        // A running bot holds the index: it notices the new file, indexes and announces it.
        known.add(a);
        run.added.add(new IngestReport.Added(c.origin(), a));
        return null;
      }
      index.add(a);
      known.add(a);
      run.added.add(new IngestReport.Added(c.origin(), a));
      return a;
    } catch (RuntimeException e) {
      deleteQuietly(file); // leave no file behind that the index does not have
      throw e;
    }
  }

  /**
   * At start, with a shared database: publishes the indexed articles the table lacks (the story
   * this replica started with, articles {@code storybot ingest} added while it was stopped), then
   * brings in every article of the table this index lacks. Articles the table holds under another
   * id are left out of it (and logged). Does nothing without a shared database.
   *
   * @return how many articles came in from the table
   */
  public int catchUp() {
    return shared == null ? 0 : shared.catchUp();
  }

  /**
   * Brings in the articles other replicas published since the last call (at most {@link
   * SharedArticles#FOLLOW_BATCH}): each is written into the articles folder under its shared id and
   * indexed. Not announced: the replica that ingested it does that. Does nothing without a shared
   * database.
   *
   * @return how many rows were read (0 when there was nothing new)
   */
  public int follow() {
    return shared == null ? 0 : shared.follow();
  }

  /** A duplicate dropped into the folder is renamed so the next start does not index it either. */
  private static void setAside(Path file) {
    if (file == null) return;
    try {
      Path aside = file.resolveSibling(file.getFileName() + ".duplicate");
      Files.move(file, aside);
      log.info("{} repeats an indexed article: renamed to {}", file, aside.getFileName());
    } catch (IOException e) {
      log.warn("cannot rename duplicate {}: {}", file, e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", file, e.getMessage());
    }
  }
}
