package org.storybot.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.store.Database;
import org.storybot.store.Leadership;

/**
 * Keeps the story up to date while the bot runs: polls each feed every interval with a conditional
 * GET (ETag / Last-Modified remembered in the database, with the item links already handled), and
 * ingests article files dropped into the articles folder, all through the {@link Ingester} so its
 * listener hears of every new article; with a shared database, also brings in every {@link #FOLLOW}
 * the articles other replicas published ({@link Ingester#follow()}).
 *
 * <p>Replicas sharing a PostgreSQL database poll the feeds one at a time: a poll runs only in the
 * replica that leads the database's {@code feeds} {@link Leadership} (an advisory lock), and when
 * that replica stops or dies another takes over on its next tick. The feed state (validators, items
 * seen) is in the database, so the new leader carries on where the old one stopped. On SQLite the
 * only process always leads.
 *
 * <p>Each feed polls on its own thread, bounded by the fetcher's timeouts, so a slow or broken feed
 * never holds up another; its errors are logged with its URL and it is tried again next interval.
 * Thread-safe. Owns its threads: {@link #start()} once, {@link #close()} to stop them (it lets a
 * poll in progress finish, up to {@link #CLOSE_GRACE}, then gives the lead up). The ingester,
 * fetcher and database belong to the caller.
 */
public final class Watcher implements AutoCloseable {
  /** How often the articles folder is scanned for dropped files, at most. */
  static final Duration FOLDER_SCAN = Duration.ofSeconds(5);

  /** How often the shared article table is read for articles other replicas published. */
  static final Duration FOLLOW = Duration.ofSeconds(2);

  /** How long {@link #close()} waits for polls in progress before interrupting them. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(Watcher.class);
  private final Ingester ingester;
  private final Fetcher fetcher;
  private final FeedState state;
  private final Leadership feedsLead;
  private final List<String> feeds;
  private final Duration interval;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private final Map<String, ReentrantLock> polling = new ConcurrentHashMap<>();

  public Watcher(
      Ingester ingester,
      Fetcher fetcher,
      Database db,
      List<String> feeds,
      Duration interval,
      Clock clock) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the feed interval must be positive, got " + interval);
    }
    this.ingester = ingester;
    this.fetcher = fetcher;
    this.state = new FeedState(db);
    this.feedsLead = db.leadership("feeds");
    this.feeds = List.copyOf(feeds);
    this.interval = interval;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    // One thread per feed, one for the folder and one following the shared article table: a
    // stalled feed holds only its own thread.
    this.executor =
        new ScheduledThreadPoolExecutor(
            this.feeds.size() + 2,
            r -> {
              Thread t = new Thread(r, "storybot-watcher-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts polling every feed now and then every interval, and scanning the folder. */
  public void start() {
    for (String feed : feeds) {
      executor.scheduleWithFixedDelay(
          () -> poll(feed), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    long scan = Math.min(interval.toMillis(), FOLDER_SCAN.toMillis());
    executor.scheduleWithFixedDelay(this::scanFolder, 0, scan, TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        this::follow, FOLLOW.toMillis(), FOLLOW.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Brings in what other replicas published (see {@link Ingester#follow()}); never throws. */
  private void follow() {
    try {
      while (ingester.follow() == SharedArticles.FOLLOW_BATCH) {
        // a long backlog: keep reading
      }
    } catch (RuntimeException e) {
      log.error("cannot follow the shared articles; trying again in {} s", FOLLOW.toSeconds(), e);
    }
  }

  /**
   * Polls every feed (in parallel) and scans the folder once, now; returns the reports of feeds and
   * files where something happened, after all of them finished.
   */
  public List<IngestReport> pollOnce() {
    List<Future<IngestReport>> polls = new ArrayList<>();
    for (String feed : feeds) polls.add(executor.submit(() -> poll(feed)));
    List<IngestReport> reports = new ArrayList<>(scanFolder());
    for (Future<IngestReport> f : polls) {
      try {
        IngestReport r = f.get();
        if (!r.added().isEmpty() || !r.duplicates().isEmpty() || !r.ok()) reports.add(r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        throw new IllegalStateException("a feed poll failed unexpectedly", e.getCause());
      }
    }
    return reports;
  }

  /** One conditional GET of one feed and the ingestion of its new items; never throws. */
  IngestReport poll(String feed) {
    ReentrantLock lock = polling.computeIfAbsent(feed, f -> new ReentrantLock());
    if (!lock.tryLock()) return empty(feed); // still busy with the previous poll
    try {
      if (!feedsLead.lead()) return empty(feed); // another replica polls the feeds
      FeedState.Validators v = state.validators(feed);
      Fetched f = fetcher.get(new URI(feed), v.etag(), v.lastModified());
      if (f.notModified()) {
        state.polled(feed, null, null, clock.instant());
        return empty(feed);
      }
      IngestReport r = ingester.ingestFetched(feed, f, state.seen(feed));
      state.markSeen(
          feed,
          Stream.concat(
                  r.added().stream().map(IngestReport.Added::origin),
                  r.duplicates().stream().map(IngestReport.Duplicate::origin))
              .map(Urls::canonical)
              .toList(),
          clock.instant());
      FeedState.Validators fresh = new FeedState.Validators(f.etag(), f.lastModified());
      String error = r.ok() ? null : r.problems().getFirst().toString();
      state.polled(feed, r.ok() ? fresh : null, error, clock.instant());
      r.problems().forEach(p -> log.warn("feed {}: {}", feed, p));
      if (!r.added().isEmpty()) log.info("feed {}: {} new article(s)", feed, r.added().size());
      return r;
    } catch (FetchException | java.net.URISyntaxException e) {
      return failed(feed, e.getMessage());
    } catch (RuntimeException e) {
      // A bug or a database failure: log it whole, and keep the schedule alive.
      log.error("feed {}: poll failed", feed, e);
      return failed(feed, "poll failed: " + e);
    } finally {
      lock.unlock();
    }
  }

  private IngestReport failed(String feed, String message) {
    log.warn("feed {}: {}", feed, message);
    try {
      state.polled(feed, null, message, clock.instant());
    } catch (RuntimeException e) {
      log.error("feed {}: cannot record the failure", feed, e);
    }
    return new IngestReport(
        feed, List.of(), List.of(), List.of(new IngestReport.Problem(feed, message)));
  }

  private List<IngestReport> scanFolder() {
    try {
      List<IngestReport> reports = ingester.scanFolder();
      for (IngestReport r : reports) {
        r.added().forEach(a -> log.info("new article {} from {}", a.article().id(), a.origin()));
        r.duplicates()
            .forEach(d -> log.info("{} repeats {} ({})", d.origin(), d.duplicateOf(), d.reason()));
        r.problems().forEach(p -> log.warn("{}", p));
      }
      return reports;
    } catch (RuntimeException e) {
      log.error("cannot scan the articles folder", e);
      return List.of();
    }
  }

  private static IngestReport empty(String feed) {
    return new IngestReport(feed, List.of(), List.of(), List.of());
  }

  /** Feeds this watcher polls. */
  public List<String> feeds() {
    return feeds;
  }

  @Override
  public void close() {
    // Polls in progress are left to finish (each fetch is bounded by the fetcher's timeouts):
    // interrupting a thread inside the index writer's file I/O would close the index.
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("watcher still busy after {}: interrupting it", CLOSE_GRACE);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      feedsLead.close();
    }
  }
}
