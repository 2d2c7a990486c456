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
 *
 * <p>A question is identified by its bot, chat and message; the update id only orders them, since
 * update ids restart (after a week without updates, or with another token or Bot API server).
 */
final class Questions {
  /** One incoming question. */
  record Question(
      long botId,
      long updateId,
      long chatId,
      int messageId,
      long userId,
      boolean group,
      String text) {}

  /** Questions recorded before they were keyed by message, answered by whichever bot runs. */
  static final long ANY_BOT = 0;

  private final Database db;

  Questions(Database db) {
    this.db = db;
  }

  /**
   * Records {@code q} unless it is already recorded.
   *
   * @return false when the message was seen before (so it is not answered twice)
   */
  boolean record(Question q, Instant now) {
    return db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO questions (bot_id, chat_id, message_id, update_id,"
                      + " user_id, is_group, text, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            s.setLong(1, q.botId());
            s.setLong(2, q.chatId());
            s.setInt(3, q.messageId());
            s.setLong(4, q.updateId());
            s.setLong(5, q.userId());
            s.setInt(6, q.group() ? 1 : 0);
            s.setString(7, q.text());
            s.setLong(8, now.toEpochMilli());
            return s.executeUpdate() == 1;
          }
        });
  }

  void answered(Question q, Instant now) {
    db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE questions SET answered_at = ? WHERE bot_id = ? AND chat_id = ? AND"
                      + " message_id = ?")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, q.botId());
            s.setLong(3, q.chatId());
            s.setInt(4, q.messageId());
            return s.executeUpdate();
          }
        });
  }

  /** The questions to {@code botId} never answered, oldest first. */
  List<Question> unanswered(long botId) {
    return db.read(
        c -> {
          List<Question> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT bot_id, update_id, chat_id, message_id, user_id, is_group, text FROM"
                      + " questions WHERE answered_at IS NULL AND bot_id IN (?, ?)"
                      + " ORDER BY received_at, update_id")) {
            s.setLong(1, botId);
            s.setLong(2, ANY_BOT);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new Question(
                        r.getLong(1),
                        r.getLong(2),
                        r.getLong(3),
                        r.getInt(4),
                        r.getLong(5),
                        r.getInt(6) == 1,
                        r.getString(7)));
              }
            }
          }
          return out;
        });
  }
}
