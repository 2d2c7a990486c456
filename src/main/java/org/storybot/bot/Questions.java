package org.storybot.bot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.storybot.store.Database;

/**
 * The durable log of incoming questions. Telegram considers an update delivered once the library
 * has fetched it, before the bot has answered; so each question is written here first and marked
 * answered after its reply went out, and a restart answers what is left, exactly once.
 */
final class Questions {
  /** One incoming question. */
  record Question(
      long updateId, long chatId, int messageId, long userId, boolean group, String text) {}

  private final Database db;

  Questions(Database db) {
    this.db = db;
  }

  /**
   * Records {@code q} unless it is already recorded.
   *
   * @return false when the update was seen before (so it is not answered twice)
   */
  boolean record(Question q, Instant now) {
    return db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT OR IGNORE INTO questions (update_id, chat_id, message_id, user_id,"
                      + " is_group, text, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, q.updateId());
            s.setLong(2, q.chatId());
            s.setInt(3, q.messageId());
            s.setLong(4, q.userId());
            s.setInt(5, q.group() ? 1 : 0);
            s.setString(6, q.text());
            s.setLong(7, now.toEpochMilli());
            return s.executeUpdate() == 1;
          }
        });
  }

  void answered(long updateId, Instant now) {
    db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE questions SET answered_at = ? WHERE update_id = ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, updateId);
            return s.executeUpdate();
          }
        });
  }

  /** The questions never answered, oldest first. */
  List<Question> unanswered() {
    return db.read(
        c -> {
          List<Question> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT update_id, chat_id, message_id, user_id, is_group, text FROM"
                          + " questions WHERE answered_at IS NULL ORDER BY update_id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(
                  new Question(
                      r.getLong(1),
                      r.getLong(2),
                      r.getInt(3),
                      r.getLong(4),
                      r.getInt(5) == 1,
                      r.getString(6)));
            }
          }
          return out;
        });
  }
}
