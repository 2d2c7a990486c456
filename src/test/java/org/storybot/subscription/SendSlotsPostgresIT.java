package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/** The {@code send_slot} table keeps the chats of the last minute, not every chat ever sent to. */
class SendSlotsPostgresIT {
  static final long LONG_AGO = 0; // epoch millis: 1970
  static final long FAR_AHEAD = Long.MAX_VALUE / 2;

  @Test
  void slotsThatRanOutOverAMinuteAgoArePrunedTheOverallOneAndCurrentOnesKept() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      SendBudget budget = new SendBudget(db);
      budget.reserve(); // the overall slot
      assertThat(budget.tryChat(5, Duration.ZERO)).isTrue(); // a chat just sent to
      put(db, 6, LONG_AGO);
      put(db, 7, FAR_AHEAD);
      put(db, SendBudget.EVERY_MESSAGE, LONG_AGO); // the overall slot, however old

      assertThat(budget.prune(SendBudget.STALE)).isEqualTo(1);
      assertThat(keys(db)).containsExactly(SendBudget.EVERY_MESSAGE, 5L, 7L);
      // A pruned chat's slot is taken as if it had never been.
      assertThat(budget.tryChat(6, Duration.ZERO)).isTrue();
      assertThat(budget.tryChat(6, Duration.ZERO)).isFalse();
    }
  }

  @Test
  void reservingPrunesOnceInSoManyReservations() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      SendBudget budget = new SendBudget(db);
      put(db, 6, LONG_AGO);
      for (int i = 1; i < SendBudget.PRUNE_EVERY; i++) budget.reserve();
      assertThat(keys(db)).contains(6L);
      budget.reserve();
      assertThat(keys(db)).containsExactly(SendBudget.EVERY_MESSAGE);
    }
  }

  private static void put(Database db, long key, long nextAt) {
    db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO send_slot (key, next_at) VALUES (?, ?)"
                      + " ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at")) {
            s.setLong(1, key);
            s.setLong(2, nextAt);
            return s.executeUpdate();
          }
        });
  }

  private static List<Long> keys(Database db) {
    return db.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT key FROM send_slot ORDER BY key");
              ResultSet rs = s.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getLong(1));
            return out;
          }
        });
  }
}
