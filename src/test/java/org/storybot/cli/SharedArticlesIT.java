package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;
import org.storybot.index.ArticleInfo;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.ingest.FetchPolicy;
import org.storybot.ingest.Fetcher;
import org.storybot.ingest.IngestReport;
import org.storybot.ingest.Ingester;
import org.storybot.ingest.Watcher;
import org.storybot.store.Database;
import org.storybot.store.Postgres;
import org.storybot.subscription.Messenger;
import org.storybot.subscription.Subscriptions;

/**
 * Two replicas in one JVM on one PostgreSQL, wired as {@code storybot bot} wires them, each with
 * its own articles folder and index directory: an article either ingests reaches the other's index
 * through the shared article table, under the same id, and is announced once.
 */
class SharedArticlesIT {
  static final Path SEED = Path.of("index/articles/000-us-not-looking-for-war-with-iran.md");
  static final Path NEW = Path.of("src/test/resources/ingest/article.md");

  @TempDir Path tmp;
  final List<Long> telegram = new CopyOnWriteArrayList<>();

  /** One replica: its own folder and index, the shared database. */
  final class Replica implements AutoCloseable {
    final Path folder;
    final StoryIndex index;
    final Database db;
    final Fetcher fetcher = new Fetcher(FetchPolicy.defaults());
    final Subscriptions subscriptions;
    final Ingester ingester;
    final Watcher watcher;
    final int cameIn;

    Replica(String name, String url) throws IOException {
      folder = Files.createDirectories(tmp.resolve(name).resolve("articles"));
      Files.copy(SEED, folder.resolve(SEED.getFileName()));
      index = StoryIndex.open(tmp.resolve(name).resolve("index"), SharedEmbedder.get());
      index.sync(Articles.readAll(folder).articles());
      db = Database.connect(url, null, null);
      Messenger messenger = (chat, html) -> telegram.add(chat);
      subscriptions =
          new Subscriptions(db, index, messenger, Clock.systemUTC(), d -> Thread.sleep(d));
      ingester =
          new Ingester(index, folder, fetcher, Clock.systemUTC(), subscriptions::onNewArticle, db);
      watcher =
          new Watcher(ingester, fetcher, db, List.of(), Duration.ofMinutes(15), Clock.systemUTC());
      // As RunBotCommand.start does: share the articles, take in the others', then announce.
      cameIn = ingester.catchUp();
      subscriptions.announceMissed(Articles.readAll(folder).articles());
      subscriptions.start();
    }

    List<String> ids() {
      return index.articles().stream().map(ArticleInfo::id).sorted().toList();
    }

    @Override
    public void close() {
      watcher.close();
      subscriptions.close();
      fetcher.close();
      db.close();
      index.close();
    }
  }

  @Test
  void anArticleIngestedByOneReplicaIsSearchableInTheOtherAndAnnouncedOnce() throws Exception {
    String url = Postgres.freshDatabase();
    try (Replica a = new Replica("a", url);
        Replica b = new Replica("b", url)) {
      assertThat(a.cameIn).isZero();
      assertThat(b.cameIn).isZero(); // the same seed, under the same id
      a.watcher.start();
      assertThat(a.subscriptions.subscribe(1001, false, null)).startsWith("Subscribed");

      IngestReport added = a.ingester.ingest(NEW.toString());
      assertThat(added.added()).hasSize(1);
      String id = added.added().getFirst().article().id();

      // B's index does not have it yet (its watcher is not following): the shared table alone
      // tells B that it is a duplicate, and of which id.
      assertThat(b.ids()).doesNotContain(id);
      IngestReport again = b.ingester.ingest(NEW.toString());
      assertThat(again.added()).isEmpty();
      assertThat(again.duplicates())
          .singleElement()
          .satisfies(d -> assertThat(d.duplicateOf()).isEqualTo(id));

      b.watcher.start();
      waitFor(() -> b.ids().contains(id), Duration.ofSeconds(10));
      assertThat(b.index.search("Was the matter deemed concluded by the mission?", 1))
          .singleElement()
          .satisfies(h -> assertThat(h.sentence().articleId()).isEqualTo(id));
      assertThat(b.ids()).isEqualTo(a.ids());
      assertThat(b.folder.resolve(id + ".md")).exists();

      waitFor(() -> !telegram.isEmpty(), Duration.ofSeconds(10));
      Thread.sleep(A_FEW_FOLLOWS.toMillis()); // B followed again meanwhile
      assertThat(telegram).containsExactly(1001L);
      // Nor would B announce it when it starts again: it was announced for the bot as a whole.
      assertThat(b.subscriptions.unannounced(b.ids())).isEmpty();
    }
    // A third replica starting later is brought up to date from the table.
    try (Replica c = new Replica("c", url)) {
      assertThat(c.cameIn).isEqualTo(1); // the seed it has; the article A ingested it has not
      assertThat(c.ids()).contains(SEED.getFileName().toString().replace(".md", ""));
      assertThat(c.ids()).hasSize(2);
    }
    assertThat(telegram).containsExactly(1001L);
  }

  @Test
  void anArticleIngestedByTheCommandLineIsPublishedForTheRunningReplicas() throws Exception {
    String url = Postgres.freshDatabase();
    try (Replica a = new Replica("a", url)) {
      a.watcher.start();
      assertThat(a.subscriptions.subscribe(1001, false, null)).startsWith("Subscribed");
      Path cli = Files.createDirectories(tmp.resolve("cli"));

      Ingested first = ingest(cli, url, NEW);
      assertThat(first.code()).as(first.output()).isZero();
      assertThat(first.output()).contains("1 added, 0 duplicates");
      String id = NEW_ID;
      assertThat(first.output()).contains("added      " + id);

      // The replica follows the table: the article is in its folder and index under that id.
      waitFor(() -> a.ids().contains(id), Duration.ofSeconds(10));
      assertThat(a.folder.resolve(id + ".md")).exists();
      assertThat(a.index.search("Was the matter deemed concluded by the mission?", 1))
          .singleElement()
          .satisfies(h -> assertThat(h.sentence().articleId()).isEqualTo(id));

      // Announced once: the command queued the digest in the shared outbox, the replica sent it.
      waitFor(() -> !telegram.isEmpty(), Duration.ofSeconds(15));

      // Another machine's command line, with a folder of its own, learns it from the table too.
      Ingested again = ingest(Files.createDirectories(tmp.resolve("cli2")), url, NEW);
      assertThat(again.output()).contains("0 added, 1 duplicate").contains("as " + id + ")");
      Thread.sleep(A_FEW_FOLLOWS.toMillis()); // the replica followed again meanwhile
      assertThat(telegram).containsExactly(1001L);
    }
  }

  static final String NEW_ID = "001-iran-says-its-operation-against-israel-has-concluded";

  record Ingested(int code, String output) {}

  /**
   * Runs {@code storybot ingest file} (the packaged jar) on a fresh folder, sharing {@code url}.
   */
  private static Ingested ingest(Path home, String url, Path file) throws Exception {
    Path articles = Files.createDirectories(home.resolve("articles"));
    if (!Files.exists(articles.resolve(SEED.getFileName()))) {
      Files.copy(SEED, articles.resolve(SEED.getFileName()));
    }
    assertThat(ReplicasIT.JAR).as("the packaged jar (built by mvn package)").isRegularFile();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-jar",
                ReplicasIT.JAR.toAbsolutePath().toString(),
                "ingest",
                "--articles",
                articles.toString(),
                "--index",
                home.resolve("index").toString(),
                file.toAbsolutePath().toString())
            .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("STORYBOT_") || k.startsWith("TELEGRAM_"));
    pb.environment().put("STORYBOT_HOME", home.toString());
    pb.environment().put("STORYBOT_DATABASE_URL", url);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();
    return new Ingested(p.exitValue(), output);
  }

  static final Duration A_FEW_FOLLOWS = Duration.ofSeconds(3);

  static void waitFor(BooleanSupplier condition, Duration atMost) throws InterruptedException {
    Instant deadline = Instant.now().plus(atMost);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited %s", atMost).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
