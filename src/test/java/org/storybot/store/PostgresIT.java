package org.storybot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same schema and SQL on a real PostgreSQL, and the copy from SQLite into it. */
class PostgresIT {
  @TempDir Path dir;

  @Test
  void migratesEveryTableAndAgainWithoutChange() {
    String url = Postgres.freshDatabase();
    try (Database db = Database.connect(url, null, null)) {
      assertThat(db.shared()).isTrue();
      assertThat(tables(db)).containsAll(Database.TABLES);
    }
    try (Database again = Database.connect(url, null, null)) {
      assertThat(tables(again)).containsAll(Database.TABLES);
    }
  }

  @Test
  void aReplicaThatStopsHandsTheLeadOverAtOnce() {
    String url = Postgres.freshDatabase();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      // Many times over: closing the session alone freed the lock a moment late, now and then.
      for (int i = 0; i < 50; i++) {
        Leadership first = (i % 2 == 0 ? a : b).leadership("feeds");
        Leadership second = (i % 2 == 0 ? b : a).leadership("feeds");
        assertThat(first.lead()).isTrue();
        assertThat(second.lead()).isFalse();
        first.close();
        assertThat(second.lead()).as("round %d", i).isTrue();
        second.close();
      }
    }
  }

  @Test
  void aFailedTransactionLeavesNothing() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        insertSubscription(c, 7, "oil");
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(count(db, "subscription")).isZero();
    }
  }

  @Test
  void copiesSqliteIntoPostgresOnceKeepingOutboxIds() {
    try (Database sqlite = Database.open(dir);
        Database pg = Database.connect(Postgres.freshDatabase(), null, null)) {
      sqlite.transaction(
          c -> {
            insertSubscription(c, 1001, "");
            insertSubscription(c, -5001, "war cabinet");
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO digest (article_id, html, created_at) VALUES ('a1', '<b>x</b>', 1)")) {
              s.executeUpdate();
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO outbox (id, chat_id, article_id, next_attempt_at, created_at)"
                        + " VALUES (41, 1001, 'a1', 1, 1)")) {
              s.executeUpdate();
            }
            return null;
          });

      List<Database.Copied> first = sqlite.copyInto(pg);
      assertThat(first)
          .filteredOn(c -> c.table().equals("subscription"))
          .singleElement()
          .isEqualTo(new Database.Copied("subscription", 2, 2));
      assertThat(first)
          .filteredOn(c -> c.table().equals("outbox"))
          .singleElement()
          .isEqualTo(new Database.Copied("outbox", 1, 1));
      assertThat(sqlite.copyInto(pg)).allSatisfy(c -> assertThat(c.added()).isZero());

      // a new outbox row on PostgreSQL takes an id after the copied ones
      long id =
          pg.transaction(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "INSERT INTO outbox (chat_id, article_id, next_attempt_at, created_at)"
                            + " VALUES (-5001, 'a1', 1, 1) RETURNING id")) {
                  try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
      assertThat(id).isGreaterThan(41);
    }
  }

  @Test
  void credentialsNeverAppearInMessages() {
    assertThat(
            Database.withoutCredentials(
                "jdbc:postgresql://bob:hunter2@db.example:5432/story?password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db.example:5432/story");
    assertThatThrownBy(
            () ->
                Database.connect(
                    "jdbc:postgresql://127.0.0.1:1/story?connectTimeout=1&password=hunter2",
                    "bob",
                    "hunter2"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/story")
        .hasMessageNotContaining("hunter2");
  }

  private static void insertSubscription(java.sql.Connection c, long chat, String query)
      throws java.sql.SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO subscription (chat_id, query, is_group, created_at) VALUES (?, ?, ?, 1)")) {
      s.setLong(1, chat);
      s.setString(2, query);
      s.setInt(3, chat < 0 ? 1 : 0);
      s.executeUpdate();
    }
  }

  private static int count(Database db, String table) {
    return db.read(
        c -> {
          try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private static List<String> tables(Database db) {
    return db.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                          + " 'public'")) {
            while (rs.next()) out.add(rs.getString(1));
          }
          return out;
        });
  }
}
