package org.storybot.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.storybot.store.Database;

/**
 * The {@code announced} table: which articles have had their arrival announced, so that each is
 * announced once, across restarts and crashes. Thread-safe (the database serialises access).
 */
final class Announced {
  private static final String BASELINE = "announced_baseline";
  private final Database db;

  Announced(Database db) {
    this.db = db;
  }

  /** Records {@code articleId} as announced, inside the caller's transaction. */
  static void record(Connection c, String articleId, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO announced (article_id, announced_at) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      s.setString(1, articleId);
      s.setLong(2, now.toEpochMilli());
      s.executeUpdate();
    }
  }

  /** Records {@code articleId} as announced, in its own transaction. */
  void record(String articleId, Instant now) {
    db.transaction(
        c -> {
          record(c, articleId, now);
          return null;
        });
  }

  boolean contains(String articleId) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT 1 FROM announced WHERE article_id = ?")) {
            s.setString(1, articleId);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  Set<String> all() {
    return db.read(
        c -> {
          Set<String> ids = new HashSet<>();
          try (PreparedStatement s = c.prepareStatement("SELECT article_id FROM announced");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) ids.add(rs.getString(1));
          }
          return ids;
        });
  }

  /** Whether {@link #baseline} ran on this database. */
  boolean hasBaseline() {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT 1 FROM storybot_info WHERE key = ?")) {
            s.setString(1, BASELINE);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Records {@code articleIds} as announced without announcing them, once per database. */
  void baseline(Collection<String> articleIds, Instant now) {
    db.transaction(
        c -> {
          for (String id : articleIds) record(c, id, now);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO storybot_info (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, BASELINE);
            s.setString(2, now.toString());
            s.executeUpdate();
          }
          return null;
        });
  }
}
