package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;
import org.storybot.store.Postgres;
import org.storybot.subscription.Messenger;
import org.storybot.subscription.Subscriptions;

/** {@code storybot migrate}: a SQLite bot's subscribers move to PostgreSQL, once. */
class MigrateIT {
  @TempDir Path data;

  @Test
  void copiesSubscribersIntoPostgresAndASecondRunAddsNothing() throws Exception {
    String url = Postgres.freshDatabase();
    Messenger nobody =
        (chat, html) -> {
          throw new AssertionError("nothing is sent");
        };
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(Articles.readAll(Path.of("index/articles")).articles());
      try (Database sqlite = Database.open(data);
          Subscriptions subs =
              new Subscriptions(sqlite, index, nobody, Clock.systemUTC(), Thread::sleep)) {
        subs.subscribe(1001, false, null);
        subs.subscribe(-5001, true, "war cabinet");
      }

      MainTest.Run first = MainTest.run("migrate", "--data", data.toString(), "--to", url);
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out())
          .containsPattern("subscription\\s+2 rows,\\s+2 added")
          .doesNotContain("password");
      MainTest.Run again = MainTest.run("migrate", "--data", data.toString(), "--to", url);
      assertThat(again.out()).contains("0 rows added.");

      try (Database pg = Database.connect(url, null, null);
          Subscriptions subs =
              new Subscriptions(pg, index, nobody, Clock.systemUTC(), Thread::sleep)) {
        assertThat(subs.describe(1001)).isEqualTo("This chat follows every new article.");
        assertThat(subs.describe(-5001)).contains("war cabinet");
      }
    }
  }

  @Test
  void withoutASqliteDatabaseItSaysWhereItLooked(@TempDir Path empty) {
    MainTest.Run r =
        MainTest.run(
            "migrate", "--data", empty.toString(), "--to", "jdbc:postgresql://127.0.0.1:1/x");
    assertThat(r.code()).isEqualTo(Main.NO_INPUT);
    assertThat(r.err()).contains("no SQLite database at " + empty.resolve("storybot.db"));
  }
}
