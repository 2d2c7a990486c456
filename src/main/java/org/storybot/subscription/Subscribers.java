package org.storybot.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.storybot.store.Database;

/**
 * The subscription table. A chat has either one row with the empty query (every update) or up to a
 * few keyword rows. Thread-safe (the database serialises access).
 */
final class Subscribers {
  /** The query of an every-update subscription. */
  static final String EVERYTHING = "";

  /** One subscription row. */
  record Row(long chatId, String query) {}

  private final Database db;

  Subscribers(Database db) {
    this.db = db;
  }

  /**
   * Makes {@code chatId} follow {@code query}: following everything replaces keyword rows, and a
   * keyword query replaces following everything.
   *
   * @return false when the chat already followed exactly this query
   */
  boolean follow(long chatId, boolean isGroup, String query, Instant now) {
    return db.transaction(
        c -> {
          if (query.equals(EVERYTHING)) {
            delete(c, "DELETE FROM subscription WHERE chat_id = ? AND query <> ''", chatId);
          } else {
            delete(c, "DELETE FROM subscription WHERE chat_id = ? AND query = ''", chatId);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO subscription (chat_id, query, is_group, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, chatId);
            s.setString(2, query);
            s.setInt(3, isGroup ? 1 : 0);
            s.setLong(4, now.toEpochMilli());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Removes every subscription of {@code chatId} and drops its unsent notifications, in one
   * transaction.
   *
   * @return how many subscriptions were removed
   */
  int remove(long chatId) {
    return db.transaction(
        c -> {
          int removed = delete(c, "DELETE FROM subscription WHERE chat_id = ?", chatId);
          Outbox.dropPending(c, chatId);
          return removed;
        });
  }

  /** The queries {@code chatId} follows, oldest first. */
  List<String> queries(long chatId) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT query FROM subscription WHERE chat_id = ? ORDER BY created_at, query")) {
            s.setLong(1, chatId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) out.add(rs.getString(1));
            }
            return out;
          }
        });
  }

  /** Every subscription. */
  List<Row> all() {
    return db.read(
        c -> {
          List<Row> out = new ArrayList<>();
          try (ResultSet rs =
              c.createStatement().executeQuery("SELECT chat_id, query FROM subscription")) {
            while (rs.next()) out.add(new Row(rs.getLong(1), rs.getString(2)));
          }
          return out;
        });
  }

  private static int delete(Connection c, String sql, long chatId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, chatId);
      return s.executeUpdate();
    }
  }
}
