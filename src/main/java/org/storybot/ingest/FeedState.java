package org.storybot.ingest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.storybot.store.Database;

/** What the watcher remembers per feed, in the database: validators and the items it has seen. */
final class FeedState {
  /** The ETag and Last-Modified of a feed's last good answer; either may be {@code null}. */
  record Validators(String etag, String lastModified) {}

  private final Database db;

  FeedState(Database db) {
    this.db = db;
  }

  Validators validators(String feed) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT etag, last_modified FROM feed WHERE url = ?")) {
            s.setString(1, feed);
            try (ResultSet r = s.executeQuery()) {
              return r.next()
                  ? new Validators(r.getString(1), r.getString(2))
                  : new Validators(null, null);
            }
          }
        });
  }

  /** Records a poll: new validators when it fully worked, else keeps the old ones and the error. */
  void polled(String feed, Validators validators, String error, Instant at) {
    db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO feed (url, etag, last_modified, checked_at, last_error)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                      + " etag = coalesce(?, feed.etag), last_modified = coalesce(?, feed.last_modified),"
                      + " checked_at = excluded.checked_at, last_error = excluded.last_error")) {
            String etag = validators == null ? null : validators.etag();
            String modified = validators == null ? null : validators.lastModified();
            s.setString(1, feed);
            s.setString(2, etag);
            s.setString(3, modified);
            s.setLong(4, at.toEpochMilli());
            s.setString(5, error);
            s.setString(6, etag);
            s.setString(7, modified);
            return s.executeUpdate();
          }
        });
  }

  Set<String> seen(String feed) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT item_url FROM feed_item WHERE feed_url = ?")) {
            s.setString(1, feed);
            Set<String> out = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) out.add(r.getString(1));
            }
            return out;
          }
        });
  }

  void markSeen(String feed, Collection<String> items, Instant at) {
    if (items.isEmpty()) return;
    db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO feed_item (feed_url, item_url, seen_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            for (String item : items) {
              s.setString(1, feed);
              s.setString(2, item);
              s.setLong(3, at.toEpochMilli());
              s.addBatch();
            }
            return s.executeBatch().length;
          }
        });
  }
}
