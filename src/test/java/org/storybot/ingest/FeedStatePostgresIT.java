package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/** The feed state's upserts on a real PostgreSQL, as on SQLite. */
class FeedStatePostgresIT {
  @Test
  void keepsValidatorsAcrossFailedPollsAndEachSeenItemOnce() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      FeedState state = new FeedState(db);
      String feed = "https://news.example.com/feed.xml";
      state.polled(
          feed, new FeedState.Validators("\"v1\"", "Mon, 15 Apr 2024"), null, Instant.now());
      state.polled(feed, null, "HTTP 503", Instant.now()); // a failure keeps the validators
      assertThat(state.validators(feed))
          .isEqualTo(new FeedState.Validators("\"v1\"", "Mon, 15 Apr 2024"));
      state.markSeen(
          feed, List.of("https://news.example.com/a", "https://news.example.com/b"), Instant.now());
      state.markSeen(feed, List.of("https://news.example.com/b"), Instant.now());
      assertThat(state.seen(feed))
          .containsExactlyInAnyOrder("https://news.example.com/a", "https://news.example.com/b");
    }
  }
}
