package org.storybot.bot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.storybot.answer.Answer;
import org.storybot.answer.Conversations;
import org.storybot.store.Database;

/**
 * The conversation memory of replicas sharing PostgreSQL: each chat's last turns in the {@code
 * conversation_turn} table, so that a follow-up question that the balancer hands to another replica
 * is read with the question before it. A turn read back has the questions, the answer's text and
 * whether it abstained, not its citations: a follow-up needs no more.
 *
 * <p>Thread-safe; holds no resources (the database belongs to the caller).
 */
public final class SharedTurns implements Conversations.Memory {
  private final Database db;

  /** The memory kept in {@code db}, which must be a shared (PostgreSQL) database. */
  public SharedTurns(Database db) {
    if (!db.shared()) {
      throw new IllegalArgumentException("a shared conversation memory needs PostgreSQL: " + db);
    }
    this.db = db;
  }

  @Override
  public List<Conversations.Turn> turns(long chatId, int maxTurns) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT question, answered_as, answer, abstained FROM conversation_turn"
                      + " WHERE chat_id = ? ORDER BY seq DESC LIMIT ?")) {
            s.setLong(1, chatId);
            s.setInt(2, maxTurns);
            List<Conversations.Turn> newestFirst = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                Answer a =
                    new Answer(rs.getString(2), rs.getString(3), List.of(), rs.getBoolean(4));
                newestFirst.add(new Conversations.Turn(rs.getString(1), a));
              }
            }
            Collections.reverse(newestFirst);
            return newestFirst;
          }
        });
  }

  @Override
  public void add(long chatId, Conversations.Turn turn, int maxTurns) {
    db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO conversation_turn (chat_id, question, answered_as, answer,"
                      + " abstained) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, chatId);
            s.setString(2, turn.question());
            s.setString(3, turn.answer().question());
            s.setString(4, turn.answer().text());
            s.setBoolean(5, turn.answer().abstained());
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM conversation_turn WHERE chat_id = ? AND seq NOT IN (SELECT seq"
                      + " FROM conversation_turn WHERE chat_id = ? ORDER BY seq DESC LIMIT ?)")) {
            s.setLong(1, chatId);
            s.setLong(2, chatId);
            s.setInt(3, maxTurns);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void forget(long chatId) {
    db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM conversation_turn WHERE chat_id = ?")) {
            s.setLong(1, chatId);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "SharedTurns[" + db + "]";
  }
}
