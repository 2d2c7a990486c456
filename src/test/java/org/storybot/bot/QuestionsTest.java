package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.store.Database;

/** The question log's claims on SQLite, which one process uses. */
class QuestionsTest {
  static final long BOT = 123456789;
  static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  static Questions.Question question(int messageId) {
    return new Questions.Question(BOT, 1000 + messageId, 42, messageId, 42, false, "why?");
  }

  @Test
  void onSqliteARestartAnswersWhatTheCrashedRunLeftAtOnce(@TempDir Path dir) {
    try (Database db = Database.open(dir)) {
      Questions before = new Questions(db);
      assertThat(before.record(question(1), T0)).isTrue();
      assertThat(before.record(question(1), T0)).isFalse(); // the same message again
      // the process dies; the next run starts a second later
      Questions after = new Questions(db);
      after.releaseClaimsOfEarlierRuns();
      assertThat(after.takeUnanswered(BOT, T0.plusSeconds(1))).containsExactly(question(1));
      assertThat(after.takeUnanswered(BOT, T0.plusSeconds(2))).isEmpty();
    }
  }
}
