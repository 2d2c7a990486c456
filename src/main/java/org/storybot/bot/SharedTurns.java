package org.storybot.bot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.storybot.answer.Answer;
import org.storybot.answer.Citation;
import org.storybot.answer.Conversations;
import org.storybot.store.Database;

/**
 * The conversation memory of replicas sharing PostgreSQL: each chat's last turns in the {@code
 * conversation_turn} table, so that a follow-up question that the balancer hands to another replica
 * is read with the question before it. A turn read back has the questions, the answer's text,
 * whether it abstained, and which sentences it cited by article and position (not their text): a
 * follow-up and a "tell me more" need no more.
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
                  "SELECT question, answered_as, answer, abstained, cited FROM conversation_turn"
                      + " WHERE chat_id = ? ORDER BY seq DESC LIMIT ?")) {
            s.setLong(1, chatId);
            s.setInt(2, maxTurns);
            List<Conversations.Turn> newestFirst = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                Answer a =
                    new Answer(
                        rs.getString(2), rs.getString(3), cited(rs.getString(5)), rs.getBoolean(4));
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
                      + " abstained, cited) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, chatId);
            s.setString(2, turn.question());
            s.setString(3, turn.answer().question());
            s.setString(4, turn.answer().text());
            s.setBoolean(5, turn.answer().abstained());
            s.setString(6, cited(turn.answer().citations()));
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

  /** "ordinal article-id", a line each. */
  private static String cited(List<Citation> citations) {
    StringBuilder out = new StringBuilder();
    for (Citation c : citations) {
      if (c.articleId().indexOf('\n') >= 0) continue; // cannot be kept in a line
      out.append(c.ordinal()).append(' ').append(c.articleId()).append('\n');
    }
    return out.toString();
  }

  /** The citations {@link #cited(List)} kept: by article and position, their text left empty. */
  private static List<Citation> cited(String lines) {
    List<Citation> out = new ArrayList<>();
    for (String line : lines.split("\n")) {
      int space = line.indexOf(' ');
      if (space < 1) continue;
      int ordinal = Integer.parseInt(line.substring(0, space));
      out.add(new Citation(out.size() + 1, line.substring(space + 1), "", null, null, "", ordinal));
    }
    return out;
  }

  @Override
  public String toString() {
    return "SharedTurns[" + db + "]";
  }
}
