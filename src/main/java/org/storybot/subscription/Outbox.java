package org.storybot.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.storybot.store.Database;

/**
 * The notification outbox table: rows are written before sending and marked after, so delivery
 * survives crashes and restarts. Thread-safe (the database serialises access).
 */
final class Outbox {
  /** One notification waiting to be sent. */
  record Pending(long id, long chatId, String articleId, String html, int attempts) {}

  private final Database db;

  Outbox(Database db) {
    this.db = db;
  }

  /**
   * Queues the digest {@code html} of an article for every chat in {@code chats}, in one
   * transaction. An article's digest is stored once: if it was queued before, the first text stays,
   * and chats that already have a row for it are skipped. Records the article as {@link Announced}
   * in the same transaction.
   *
   * @return how many rows were added
   */
  int enqueue(String articleId, String html, Collection<Long> chats, Instant now) {
    return db.transaction(
        c -> {
          Announced.record(c, articleId, now);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO digest (article_id, html, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            s.setString(1, articleId);
            s.setString(2, html);
            s.setLong(3, now.toEpochMilli());
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO outbox (chat_id, article_id, next_attempt_at, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            int added = 0;
            for (long chat : chats) {
              s.setLong(1, chat);
              s.setString(2, articleId);
              s.setLong(3, now.toEpochMilli());
              s.setLong(4, now.toEpochMilli());
              added += s.executeUpdate();
            }
            return added;
          }
        });
  }

  /** How many notifications wait to be sent. */
  int pending() {
    return db.read(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT count(*) FROM outbox WHERE status = 'pending'");
              ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
          }
        });
  }

  /**
   * Claims the pending row {@code id} until {@code until}: true when this caller now holds it,
   * false when it was sent, dropped, or claimed by another sender whose claim has not run out (the
   * update re-checks that under the row's lock, so two senders cannot both win).
   */
  boolean claim(long id, Instant now, Instant until) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE outbox SET claimed_until = ? WHERE id = ? AND status = 'pending'"
                      + " AND claimed_until <= ?")) {
            s.setLong(1, until.toEpochMilli());
            s.setLong(2, id);
            s.setLong(3, now.toEpochMilli());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * On a database only this process uses (SQLite), drops every claim: a claim left by a crashed
   * earlier run need not be waited out. A shared database keeps them: another replica may be
   * sending.
   */
  void releaseClaimsOfEarlierRuns() {
    if (db.shared()) return;
    db.read(c -> c.createStatement().executeUpdate("UPDATE outbox SET claimed_until = 0"));
  }

  /** Gives a claim up, so the row can be sent again as soon as it is due. */
  void release(long id) {
    update("UPDATE outbox SET claimed_until = ? WHERE id = ?", 0, id);
  }

  /** Up to {@code limit} pending rows due at {@code now} and claimed by nobody, oldest first. */
  List<Pending> due(Instant now, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT o.id, o.chat_id, o.article_id, d.html, o.attempts FROM outbox o JOIN"
                      + " digest d USING (article_id) WHERE o.status = 'pending' AND"
                      + " o.next_attempt_at <= ? AND o.claimed_until <= ?"
                      + " ORDER BY o.next_attempt_at, o.id LIMIT ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
            s.setInt(3, limit);
            List<Pending> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Pending(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5)));
              }
            }
            return out;
          }
        });
  }

  /** When the earliest pending row falls due, if there is one. */
  Optional<Instant> nextDue() {
    return db.read(
        c -> {
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'")) {
            if (!rs.next()) return Optional.empty(); // an aggregate has one row; JDBC says read it
            long millis = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
          }
        });
  }

  void markSent(long id, Instant at) {
    update("UPDATE outbox SET status = 'sent', sent_at = ? WHERE id = ?", at.toEpochMilli(), id);
  }

  /** Records a failed attempt; the row is tried again at {@code next}. */
  void retryLater(long id, int attempts, Instant next, String error) {
    db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?,"
                      + " claimed_until = 0 WHERE id = ?")) {
            s.setInt(1, attempts);
            s.setLong(2, next.toEpochMilli());
            s.setString(3, error);
            s.setLong(4, id);
            return s.executeUpdate();
          }
        });
  }

  /** Gives up on a row after too many failed attempts. */
  void fail(long id, int attempts, String error) {
    db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?")) {
            s.setInt(1, attempts);
            s.setString(2, error);
            s.setLong(3, id);
            return s.executeUpdate();
          }
        });
  }

  /** Drops every pending row of {@code chatId} (it unsubscribed or is gone). */
  static void dropPending(Connection c, long chatId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE outbox SET status = 'dropped' WHERE chat_id = ? AND status = 'pending'")) {
      s.setLong(1, chatId);
      s.executeUpdate();
    }
  }

  private void update(String sql, long a, long b) {
    db.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, a);
            s.setLong(2, b);
            return s.executeUpdate();
          }
        });
  }
}
