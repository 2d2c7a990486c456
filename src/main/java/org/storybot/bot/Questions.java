package org.storybot.bot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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
 *
 * <p>On a database several replicas share, a question is claimed by the replica answering it: the
 * one that recorded it, for {@link #CLAIM}; when that claim runs out unanswered (the replica died),
 * another takes the question over ({@link #takeUnanswered}), once. Within a chat, questions are
 * answered in the order asked: one waits while the chat has an earlier one unanswered ({@link
 * #hasEarlierUnanswered}), whichever replica holds it.
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

  /** How long a replica holds a question: far longer than answering one takes. */
  static final Duration CLAIM = Duration.ofMinutes(3);

  private final Database db;
  // This run's name in claimed_by: a question it recorded or took over is its own to answer.
  private final String replica = java.util.UUID.randomUUID().toString();

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
                  "INSERT INTO questions (bot_id, chat_id, message_id, update_id, user_id,"
                      + " is_group, text, received_at, claimed_until, claimed_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setLong(1, q.botId());
            s.setLong(2, q.chatId());
            s.setInt(3, q.messageId());
            s.setLong(4, q.updateId());
            s.setLong(5, q.userId());
            s.setInt(6, q.group() ? 1 : 0);
            s.setString(7, q.text());
            s.setLong(8, now.toEpochMilli());
            s.setLong(9, now.plus(CLAIM).toEpochMilli());
            s.setString(10, replica);
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

  /**
   * Claims and returns the questions to {@code botId} never answered whose claim has run out,
   * oldest first. Of two replicas asking at once, each question goes to one.
   */
  List<Question> takeUnanswered(long botId, Instant now) {
    List<Question> taken = new ArrayList<>();
    for (Question q : unanswered(botId, now)) {
      boolean won =
          db.read(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "UPDATE questions SET claimed_until = ?, claimed_by = ? WHERE bot_id = ?"
                            + " AND chat_id = ? AND message_id = ? AND answered_at IS NULL"
                            + " AND claimed_until <= ?")) {
                  s.setLong(1, now.plus(CLAIM).toEpochMilli());
                  s.setString(2, replica);
                  s.setLong(3, q.botId());
                  s.setLong(4, q.chatId());
                  s.setInt(5, q.messageId());
                  s.setLong(6, now.toEpochMilli());
                  return s.executeUpdate() == 1;
                }
              });
      if (won) taken.add(q);
    }
    return taken;
  }

  /**
   * Renews this run's claim on {@code q} just before answering it: true when it is still unanswered
   * and this run's to answer (its claim, even one run out, that nobody took over; or nobody's claim
   * now); false when it was answered, or another replica took it over while it waited here (that
   * replica answers it).
   */
  boolean take(Question q, Instant now) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE questions SET claimed_until = ?, claimed_by = ? WHERE bot_id = ?"
                      + " AND chat_id = ? AND message_id = ? AND answered_at IS NULL"
                      + " AND (claimed_by = ? OR claimed_until <= ?)")) {
            s.setLong(1, now.plus(CLAIM).toEpochMilli());
            s.setString(2, replica);
            s.setLong(3, q.botId());
            s.setLong(4, q.chatId());
            s.setInt(5, q.messageId());
            s.setString(6, replica);
            s.setLong(7, now.toEpochMilli());
            return s.executeUpdate() == 1;
          }
        });
  }

  /**
   * Whether {@code q}'s chat has an earlier question (a smaller message id) received after {@code
   * since} and not answered yet: on a shared database, another replica may be answering it, and
   * {@code q} waits its turn.
   */
  boolean hasEarlierUnanswered(Question q, Instant since) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT 1 FROM questions WHERE bot_id = ? AND chat_id = ? AND message_id < ?"
                      + " AND answered_at IS NULL AND received_at > ? LIMIT 1")) {
            s.setLong(1, q.botId());
            s.setLong(2, q.chatId());
            s.setInt(3, q.messageId());
            s.setLong(4, since.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /**
   * On a database only this process uses (SQLite), drops the claims of the run before, so what a
   * crash left unanswered is answered at once; a shared database waits them out.
   */
  void releaseClaimsOfEarlierRuns() {
    if (db.shared()) return;
    db.read(
        c ->
            c.createStatement()
                .executeUpdate("UPDATE questions SET claimed_until = 0 WHERE answered_at IS NULL"));
  }

  /** Whether other processes may record and answer questions in this database too. */
  boolean shared() {
    return db.shared();
  }

  /** The questions to {@code botId} never answered and claimed by nobody now, oldest first. */
  private List<Question> unanswered(long botId, Instant now) {
    return db.read(
        c -> {
          List<Question> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT bot_id, update_id, chat_id, message_id, user_id, is_group, text FROM"
                      + " questions WHERE answered_at IS NULL AND bot_id IN (?, ?)"
                      + " AND claimed_until <= ? ORDER BY received_at, update_id")) {
            s.setLong(1, botId);
            s.setLong(2, ANY_BOT);
            s.setLong(3, now.toEpochMilli());
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
