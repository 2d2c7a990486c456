package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.article.Article;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;

/**
 * Chats' subscriptions to the story, and the notifications they get for each new article.
 *
 * <p>The chat commands ({@link #subscribe}, {@link #unsubscribe}, {@link #describe}) return the
 * reply to show, as plain text (not HTML). The caller checks that a group's member is an admin.
 * {@link #onNewArticle} queues one cited digest per matching chat in the durable outbox; the
 * delivery thread started by {@link #start()} sends them within Telegram's rate limits (on a shared
 * PostgreSQL database, limits held for all replicas together: see {@link SendBudget}).
 *
 * <p>Thread-safe. Owns the delivery thread (stopped by {@link #close()}); the database, index and
 * messenger belong to the caller.
 */
public final class Subscriptions implements AutoCloseable {
  /** Waits: {@code Thread::sleep} in production, a step of a simulated clock in tests. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** How many keyword subscriptions one chat may hold. */
  static final int MAX_QUERIES_PER_CHAT = 10;

  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
  private final Subscribers subscribers;
  private final Outbox outbox;
  private final Announced announced;
  private final Digests digests;
  private final Delivery delivery;
  private final Clock clock;
  private final Analyzer analyzer = new EnglishAnalyzer();

  /**
   * Digests written by {@code writer}, sent within {@code limits}: the process's count of
   * Telegram's limits, which {@code messenger} and everything else that sends in this process must
   * share. Times from {@code clock}; the delivery thread waits through {@code sleeper}.
   */
  public Subscriptions(
      Database db,
      StoryIndex index,
      Messenger messenger,
      DigestWriter writer,
      SendLimits limits,
      Clock clock,
      Sleeper sleeper) {
    this.subscribers = new Subscribers(db);
    this.outbox = new Outbox(db);
    this.announced = new Announced(db);
    this.digests = new Digests(index, writer);
    this.clock = clock;
    // Replicas sharing PostgreSQL share Telegram's limits too.
    SendBudget budget = db.shared() ? new SendBudget(db) : null;
    this.delivery = new Delivery(outbox, subscribers, messenger, clock, sleeper, limits, budget);
  }

  /**
   * Digests of the new sentences verbatim, sent within limits of their own: for a process that
   * sends nothing else (and tests).
   */
  public Subscriptions(
      Database db, StoryIndex index, Messenger messenger, Clock clock, Sleeper sleeper) {
    this(
        db,
        index,
        messenger,
        DigestWriter.VERBATIM,
        new SendLimits(clock, sleeper),
        clock,
        sleeper);
  }

  /** Starts delivering: first whatever an earlier run left pending, then new notifications. */
  public void start() {
    delivery.start();
  }

  /**
   * {@code /subscribe [KEYWORDS]}: without keywords, follow every new article; with keywords, only
   * articles that match them (see {@link KeywordQuery} for the syntax). Following everything
   * replaces keyword subscriptions and the other way round.
   *
   * @return the reply for the chat
   */
  public String subscribe(long chatId, boolean isGroup, String keywords) {
    String query = keywords == null ? "" : keywords.strip().replaceAll("\\s+", " ");
    if (query.isEmpty()) {
      boolean added = subscribers.follow(chatId, isGroup, Subscribers.EVERYTHING, clock.instant());
      return added
          ? "Subscribed: this chat will get a short cited digest of every new article on the"
              + " story. Send /unsubscribe to stop."
          : "This chat already gets every new article. Send /unsubscribe to stop.";
    }
    KeywordQuery parsed;
    try {
      parsed = KeywordQuery.parse(query, analyzer);
    } catch (IllegalArgumentException e) {
      return e.getMessage() + " Nothing was changed.";
    }
    List<String> existing = subscribers.queries(chatId);
    if (!existing.contains(query)
        && existing.stream().filter(q -> !q.isEmpty()).count() >= MAX_QUERIES_PER_CHAT) {
      return "This chat already follows "
          + MAX_QUERIES_PER_CHAT
          + " keyword subscriptions; send /unsubscribe and start again. Nothing was changed.";
    }
    boolean added = subscribers.follow(chatId, isGroup, query, clock.instant());
    String rule =
        parsed.clauses() == 1
            ? ""
            : parsed.required() == parsed.clauses()
                ? " (articles must mention all of them)"
                : " (articles must mention at least "
                    + parsed.required()
                    + " of the "
                    + parsed.clauses()
                    + ")";
    return (added ? "Subscribed to new articles matching: " : "Already subscribed to: ")
        + query
        + rule
        + ". Send /subscriptions to list them, /unsubscribe to stop.";
  }

  /** {@code /unsubscribe}: drops every subscription of the chat and its unsent notifications. */
  public String unsubscribe(long chatId) {
    return subscribers.remove(chatId) > 0
        ? "Unsubscribed: this chat will get no more updates."
        : "This chat had no subscriptions.";
  }

  /** {@code /subscriptions}: what the chat follows. */
  public String describe(long chatId) {
    List<String> queries = subscribers.queries(chatId);
    if (queries.isEmpty()) {
      return "This chat follows nothing. Send /subscribe for every new article on the story, or"
          + " /subscribe KEYWORDS for only the articles that match.";
    }
    if (queries.contains(Subscribers.EVERYTHING)) return "This chat follows every new article.";
    return "This chat follows new articles matching:\n"
        + queries.stream().map(q -> "• " + q).collect(Collectors.joining("\n"));
  }

  /**
   * Announces a new article (already in the index): queues a digest of it for every chat that
   * follows it, and records it as announced, in one transaction. An article is announced once:
   * calling this again for it queues nothing.
   *
   * @return how many notifications were queued
   */
  public int onNewArticle(Article article) {
    if (announced.contains(article.id())) return 0;
    Set<Long> chats = matchingChats(article);
    if (chats.isEmpty()) {
      announced.record(article.id(), clock.instant());
      return 0;
    }
    String html = digests.of(article);
    int queued = outbox.enqueue(article.id(), html, chats, clock.instant());
    log.info("article {}: {} notification(s) queued", article.id(), queued);
    delivery.wake();
    return queued;
  }

  /**
   * Of the indexed articles, those never announced: indexed just before a crash, or added by {@code
   * storybot ingest} while the bot was stopped. On a database that never announced anything it
   * records them all and returns none: the articles a new bot starts with are not news.
   *
   * @param indexedIds the id of every article in the index
   */
  public Set<String> unannounced(Collection<String> indexedIds) {
    if (!announced.hasBaseline()) {
      announced.baseline(indexedIds, clock.instant());
      return Set.of();
    }
    Set<String> missed = new LinkedHashSet<>(indexedIds);
    missed.removeAll(announced.all());
    return missed;
  }

  /**
   * At start, announces those of {@code indexed} that are {@link #unannounced}.
   *
   * @return how many articles were announced now
   */
  public int announceMissed(List<Article> indexed) {
    Set<String> missed = unannounced(indexed.stream().map(Article::id).toList());
    int n = 0;
    for (Article a : indexed) {
      if (!missed.contains(a.id())) continue;
      log.info("article {} was indexed but never announced: announcing it now", a.id());
      onNewArticle(a);
      n++;
    }
    return n;
  }

  /** How many notifications wait in the outbox (sent as the rate limits allow). */
  public int pending() {
    return outbox.pending();
  }

  /** Chats following everything, plus those with a keyword query that matches the article. */
  private Set<Long> matchingChats(Article article) {
    Map<String, List<Long>> byQuery = new TreeMap<>();
    for (Subscribers.Row row : subscribers.all()) {
      byQuery.computeIfAbsent(row.query(), q -> new ArrayList<>()).add(row.chatId());
    }
    Set<Long> chats = new LinkedHashSet<>(byQuery.getOrDefault(Subscribers.EVERYTHING, List.of()));
    MemoryIndex text = KeywordQuery.indexOf(article, analyzer);
    for (var e : byQuery.entrySet()) {
      if (e.getKey().isEmpty()) continue;
      try {
        if (KeywordQuery.parse(e.getKey(), analyzer).matches(text)) chats.addAll(e.getValue());
      } catch (IllegalArgumentException unparsable) {
        log.warn("skipping a stored keyword query that no longer parses: {}", e.getKey());
      }
    }
    return chats;
  }

  /** The outbox sender, for tests that drive it directly in simulated time. */
  Delivery delivery() {
    return delivery;
  }

  @Override
  public void close() {
    delivery.close();
  }
}
