package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/** Two replicas' watchers on one PostgreSQL: the feeds are polled by one of them at a time. */
class WatcherPostgresIT {
  static final String RSS = "application/rss+xml";

  @TempDir Path tmp;
  String url;
  FixtureServer server;
  Fetcher fetcher;
  Replica a;
  Replica b;

  /** One replica's own index and folder, on the shared database. */
  final class Replica implements AutoCloseable {
    final StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    final Database db = Database.connect(url, null, null);
    final Watcher watcher;

    Replica(String name) throws IOException {
      Path folder = Files.createDirectories(tmp.resolve(name));
      Clock clock = Clock.fixed(WatcherIT.NOW, ZoneOffset.UTC);
      Ingester ingester = new Ingester(index, folder, fetcher, clock, article -> {});
      watcher =
          new Watcher(
              ingester, fetcher, db, List.of(server.url("/feed")), Duration.ofMinutes(15), clock);
    }

    @Override
    public void close() {
      watcher.close();
      db.close();
      index.close();
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    url = Postgres.freshDatabase();
    server = new FixtureServer();
    server.file("/item1", "text/html", "item1.html");
    server.file("/item2", "text/html", "item2.html");
    server.withEtag("/feed", RSS, "feed.xml", "\"v1\"");
    fetcher = new Fetcher(FetchPolicy.defaults().withAllowPrivate(true));
    a = new Replica("a");
    b = new Replica("b");
  }

  @AfterEach
  void tearDown() {
    b.close();
    a.close();
    fetcher.close();
    server.close();
  }

  @Test
  void onlyTheLeaderPollsAndAnotherTakesOverWhenItStops() {
    assertThat(a.watcher.pollOnce())
        .singleElement()
        .satisfies(r -> assertThat(r.added()).hasSize(2));
    assertThat(b.watcher.pollOnce()).isEmpty();
    assertThat(b.watcher.pollOnce()).isEmpty();
    assertThat(server.requests("/feed")).hasSize(1); // only the leader fetched the feed
    assertThat(a.watcher.pollOnce()).isEmpty(); // A still leads: a conditional GET, 304
    assertThat(server.requests("/feed")).containsExactly("", "\"v1\"");

    a.watcher.close(); // A stops (a rolling deploy): it gives the lead up

    assertThat(b.watcher.pollOnce()).isEmpty();
    // B polled, carrying on from A's validators in the shared feed state
    assertThat(server.requests("/feed")).containsExactly("", "\"v1\"", "\"v1\"");
  }

  @Test
  void whenTheLeadersConnectionDiesAnotherReplicaTakesTheFeedsOver() throws SQLException {
    a.watcher.pollOnce();
    assertThat(server.requests("/feed")).hasSize(1);
    assertThat(b.watcher.pollOnce()).isEmpty();
    assertThat(server.requests("/feed")).hasSize(1);

    // A's process dies: PostgreSQL ends its session, and with it the advisory lock.
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND granted")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.next()).isFalse(); // exactly one replica held the lead
    }

    b.watcher.pollOnce();
    assertThat(server.requests("/feed")).hasSize(2); // B took over on its next tick
    a.watcher.pollOnce(); // A (alive again, say) finds B leading: it does not poll
    b.watcher.pollOnce();
    assertThat(server.requests("/feed")).hasSize(3);
  }
}
