package org.storybot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void migratesOnOpenAndKeepsDataAcrossReopen() {
    try (Database db = Database.open(dir)) {
      db.transaction(
          c -> c.createStatement().executeUpdate("INSERT INTO storybot_info VALUES ('k', 'v')"));
    }
    try (Database db = Database.open(dir)) {
      String v =
          db.read(
              c -> {
                ResultSet rs =
                    c.createStatement()
                        .executeQuery("SELECT value FROM storybot_info WHERE key = 'k'");
                return rs.next() ? rs.getString(1) : null;
              });
      assertThat(v).isEqualTo("v");
    }
  }

  @Test
  void rollsBackAFailedTransaction() {
    try (Database db = Database.open(dir)) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        c.createStatement()
                            .executeUpdate("INSERT INTO storybot_info VALUES ('x', '1')");
                        throw new IllegalStateException("boom");
                      }))
          .isInstanceOf(IllegalStateException.class);
      int n =
          db.read(
              c ->
                  c.createStatement()
                      .executeQuery("SELECT count(*) FROM storybot_info WHERE key = 'x'")
                      .getInt(1));
      assertThat(n).isZero();
    }
  }
}
