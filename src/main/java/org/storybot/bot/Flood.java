package org.storybot.bot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.storybot.store.Database;

/**
 * Flood control per user: at most {@code perMinute} questions in any minute. The first question
 * over the limit gets one polite warning; the rest of the minute is dropped silently.
 *
 * <p>Counted in this process's memory, or, for replicas sharing PostgreSQL, in its {@code
 * flood_event} table, so that a user's quota holds for the bot as a whole and not once per replica:
 * each check is one transaction, serialised per user by an advisory transaction lock. Times are
 * this process's clock (replicas' clocks agree to well within the minute). Thread-safe.
 */
final class Flood {
  enum Verdict {
    ALLOW,
    WARN,
    DROP
  }

  private static final Duration WINDOW = Duration.ofMinutes(1);

  /** Checks between two deletions of every stale row (those of users who did not come back). */
  static final int PRUNE_EVERY = 1000;

  private final int perMinute;
  private final Clock clock;
  private final Map<Long, Deque<Instant>> recent = new HashMap<>();
  private final Map<Long, Instant> warned = new HashMap<>();
  private final Database db; // null: in memory
  private final String kind;
  private final AtomicLong checks = new AtomicLong();

  /** In this process's memory. */
  Flood(int perMinute, Clock clock) {
    this(perMinute, clock, null, null);
  }

  /**
   * In {@code db} when replicas share it (PostgreSQL), under {@code kind} ("question", "inline"),
   * else in memory.
   */
  Flood(int perMinute, Clock clock, Database db, String kind) {
    this.perMinute = perMinute;
    this.clock = clock;
    this.db = db != null && db.shared() ? db : null;
    this.kind = kind;
  }

  Verdict check(long userId) {
    return db == null ? checkHere(userId) : checkShared(userId);
  }

  private synchronized Verdict checkHere(long userId) {
    Instant now = clock.instant();
    Deque<Instant> times = recent.computeIfAbsent(userId, k -> new ArrayDeque<>());
    while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) times.removeFirst();
    if (times.size() < perMinute) {
      times.addLast(now);
      warned.remove(userId);
      return Verdict.ALLOW;
    }
    Instant w = warned.get(userId);
    if (w != null && w.plus(WINDOW).isAfter(now)) return Verdict.DROP;
    warned.put(userId, now);
    return Verdict.WARN;
  }

  /** The same rule as {@link #checkHere}, over the user's rows of the last minute. */
  private Verdict checkShared(long userId) {
    long now = clock.millis();
    long since = now - WINDOW.toMillis(); // rows at or before this have left the window
    if (checks.incrementAndGet() % PRUNE_EVERY == 0) prune(since);
    return db.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            // The two-key form: a lock space of its own, apart from the one-key job locks.
            s.setInt(1, kind.hashCode());
            s.setInt(2, Long.hashCode(userId));
            s.executeQuery().close();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM flood_event WHERE kind = ? AND user_id = ? AND at <= ?")) {
            s.setString(1, kind);
            s.setLong(2, userId);
            s.setLong(3, since);
            s.executeUpdate();
          }
          int asked = 0;
          boolean warnedAlready = false;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FILTER (WHERE NOT warning), bool_or(warning) FROM flood_event"
                      + " WHERE kind = ? AND user_id = ?")) {
            s.setString(1, kind);
            s.setLong(2, userId);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                asked = rs.getInt(1);
                warnedAlready = rs.getBoolean(2);
              }
            }
          }
          if (asked < perMinute) {
            try (PreparedStatement s =
                c.prepareStatement(
                    "DELETE FROM flood_event WHERE kind = ? AND user_id = ? AND warning")) {
              s.setString(1, kind);
              s.setLong(2, userId);
              s.executeUpdate(); // within the quota again: the next flood is warned of anew
            }
            insert(c, userId, now, false);
            return Verdict.ALLOW;
          }
          if (warnedAlready) return Verdict.DROP;
          insert(c, userId, now, true);
          return Verdict.WARN;
        });
  }

  private void insert(Connection c, long userId, long at, boolean warning) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO flood_event (kind, user_id, at, warning) VALUES (?, ?, ?, ?)")) {
      s.setString(1, kind);
      s.setLong(2, userId);
      s.setLong(3, at);
      s.setBoolean(4, warning);
      s.executeUpdate();
    }
  }

  /** Deletes every row of this kind that has left the window, whoever's. */
  int prune(long since) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM flood_event WHERE kind = ? AND at <= ?")) {
            s.setString(1, kind);
            s.setLong(2, since);
            return s.executeUpdate();
          }
        });
  }
}
