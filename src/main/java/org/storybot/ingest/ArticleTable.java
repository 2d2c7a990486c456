package org.storybot.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.storybot.store.Database;

/**
 * The shared {@code article} table: every article any replica ingested, under the id it has
 * everywhere, in order of arrival ({@code seq}). Publishing is serialised across replicas (an
 * advisory transaction lock on PostgreSQL), so a follower that has read up to {@code seq} n never
 * misses a row that becomes visible later with a smaller one, and two replicas never publish the
 * same article (same canonical URL or same words) under two ids. Thread-safe.
 */
final class ArticleTable {
  /** One published article. */
  record Row(long seq, String id, Draft draft) {}

  /**
   * What {@link #publish} did: either {@code id}, the article's id, when it was published (or was
   * there already under that id), or {@code duplicateOf}, the article it repeats, for {@code
   * reason}.
   */
  record Published(String id, String duplicateOf, String reason) {
    static Published as(String id) {
      return new Published(id, null, null);
    }

    /** The duplicate report for {@code origin}, titled {@code title}, or null when published. */
    IngestReport.Duplicate duplicate(String origin, String title) {
      return duplicateOf == null
          ? null
          : new IngestReport.Duplicate(origin, title, duplicateOf, reason);
    }
  }

  // Any fixed key: replicas only need to agree on it.
  private static final long PUBLISH_LOCK = 0x53746f7279_0a71L;
  private final Database db;

  ArticleTable(Database db) {
    this.db = db;
  }

  /**
   * Publishes a new article unless the table has one with the same canonical URL or text hash. Its
   * id is {@code fixedId} when given (a file already in this replica's folder), else {@code nextId}
   * applied to every id in the table (a new id, fresh in the table and here).
   */
  Published publish(
      String fixedId, Draft d, String textHash, Function<Set<String>, String> nextId, Instant now) {
    String canonical = Urls.canonical(d.url());
    return db.transaction(
        c -> {
          serialise(c);
          if (fixedId != null) {
            Published known = byId(c, fixedId);
            if (known != null) return known;
          }
          Published dup = duplicate(c, canonical, textHash);
          if (dup != null) return dup;
          String id = fixedId != null ? fixedId : nextId.apply(ids(c));
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO article (seq, id, title, source, url, published, body,"
                      + " canonical_url, text_hash, added_at) VALUES ((SELECT coalesce(max(seq), 0)"
                      + " + 1 FROM article), ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, d.title());
            s.setString(3, d.source());
            s.setString(4, d.url());
            s.setString(5, d.published());
            s.setString(6, d.body());
            s.setString(7, canonical);
            s.setString(8, textHash);
            s.setLong(9, now.toEpochMilli());
            s.executeUpdate();
          }
          return Published.as(id);
        });
  }

  /** Up to {@code limit} rows past {@code seq}, in order. */
  List<Row> after(long seq, int limit) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT seq, id, title, source, url, published, body FROM article"
                      + " WHERE seq > ? ORDER BY seq LIMIT ?")) {
            s.setLong(1, seq);
            s.setInt(2, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        new Draft(
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7))));
              }
            }
            return rows;
          }
        });
  }

  /** Every id in the table. */
  Set<String> ids() {
    return db.read(ArticleTable::ids);
  }

  private void serialise(Connection c) throws SQLException {
    if (!db.shared()) return; // SQLite: one writer at a time anyway
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      s.setLong(1, PUBLISH_LOCK);
      s.execute();
    }
  }

  private static Set<String> ids(Connection c) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM article");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) ids.add(rs.getString(1));
    }
    return ids;
  }

  private static Published byId(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM article WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Published.as(id) : null;
      }
    }
  }

  private static Published duplicate(Connection c, String canonical, String textHash)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, canonical_url = ? FROM article WHERE canonical_url = ? OR text_hash = ?"
                + " ORDER BY seq LIMIT 1")) {
      s.setString(1, canonical);
      s.setString(2, canonical);
      s.setString(3, textHash);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return null;
        return new Published(null, rs.getString(1), rs.getBoolean(2) ? "same URL" : "same text");
      }
    }
  }
}
