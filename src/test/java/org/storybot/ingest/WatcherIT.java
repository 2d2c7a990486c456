package org.storybot.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;

class WatcherIT {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String RSS = "application/rss+xml";

  @TempDir Path tmp;
  Path articles;
  StoryIndex index;
  Database db;
  FixtureServer server;
  Fetcher fetcher;
  Ingester ingester;
  final List<Article> announced = new CopyOnWriteArrayList<>();
  CountDownLatch announcements = new CountDownLatch(0);

  @BeforeEach
  void setUp() throws IOException {
    articles = Files.createDirectories(tmp.resolve("articles"));
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    db = Database.open(tmp.resolve("data"));
    server = new FixtureServer();
    server.file("/item1", "text/html", "item1.html");
    server.file("/item2", "text/html", "item2.html");
    server.file("/item3", "text/html", "item3.html");
    fetcher = fetcher(Duration.ofSeconds(20));
    ingester = ingester(fetcher);
  }

  Fetcher fetcher(Duration timeout) {
    return new Fetcher(FetchPolicy.defaults().withAllowPrivate(true).withRequestTimeout(timeout));
  }

  Ingester ingester(Fetcher f) {
    return new Ingester(
        index,
        articles,
        f,
        Clock.fixed(NOW, ZoneOffset.UTC),
        a -> {
          announced.add(a);
          announcements.countDown();
        });
  }

  Watcher watcher(Ingester i, Fetcher f, String... paths) {
    List<String> feeds = java.util.Arrays.stream(paths).map(server::url).toList();
    return new Watcher(i, f, db, feeds, Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    server.close();
    db.close();
    index.close();
  }

  List<String> titles() {
    return announced.stream().map(Article::title).toList();
  }

  @Test
  void aFeedIsPolledWithConditionalGetsAndEachNewItemIsIngestedOnce() {
    server.withEtag("/feed", RSS, "feed.xml", "\"v1\"");
    try (Watcher watcher = watcher(ingester, fetcher, "/feed")) {
      List<IngestReport> first = watcher.pollOnce();
      assertThat(first).singleElement().satisfies(r -> assertThat(r.added()).hasSize(2));

      assertThat(watcher.pollOnce()).isEmpty();
      assertThat(server.requests("/feed")).containsExactly("", "\"v1\"");

      server.withEtag("/feed", RSS, "feed-later.xml", "\"v2\"");
      List<IngestReport> later = watcher.pollOnce();
      assertThat(later).singleElement().satisfies(r -> assertThat(r.added()).hasSize(1));
    }
    assertThat(titles())
        .containsExactly(
            "Israel weighs its response to Iran",
            "Oil prices edge higher as markets watch the Gulf",
            "G7 leaders condemn the attack and weigh sanctions");
    // Items already handled are not fetched again when the feed changes.
    assertThat(server.requests("/item1")).hasSize(1);

    // The validators survive a restart: a new watcher over the same database asks conditionally.
    try (Watcher restarted = watcher(ingester, fetcher, "/feed")) {
      assertThat(restarted.pollOnce()).isEmpty();
    }
    assertThat(server.requests("/feed")).last().isEqualTo("\"v2\"");
    assertThat(announced).hasSize(3);
  }

  @Test
  void aHugeFeedIsTakenAHundredItemsAPoll() {
    int n = Sources.MAX_NEW_ITEMS + 20;
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
    rss.append("<title>Wire</title><link>").append(server.url("/")).append("</link>");
    for (int i = 0; i < n; i++) {
      rss.append("<item><title>Wire item ")
          .append(i)
          .append("</title><link>")
          .append(server.url("/gone/" + i)) // no page: the item's own text stands in
          .append("</link><description>Harbour report ")
          .append(i)
          .append(": ship ")
          .append(i)
          .append(" arrived late.</description></item>");
    }
    server.bytes("/big", 200, RSS, rss.append("</channel></rss>").toString().getBytes(UTF_8));
    try (Watcher watcher = watcher(ingester, fetcher, "/big")) {
      IngestReport first = watcher.pollOnce().getFirst();
      assertThat(first.added()).hasSize(Sources.MAX_NEW_ITEMS);
      assertThat(first.problems()).singleElement().asString().contains("the next read");
      IngestReport second = watcher.pollOnce().getFirst();
      assertThat(second.added()).hasSize(20);
      assertThat(second.ok()).isTrue();
    }
    assertThat(server.requests("/gone/0")).hasSize(1);
    assertThat(announced).hasSize(n);
  }

  @Test
  void aFeedWithoutValidatorsDoesNotMakeItsItemsFetchedOrAnnouncedAgain() {
    server.file("/feed", RSS, "feed.xml");
    try (Watcher watcher = watcher(ingester, fetcher, "/feed")) {
      watcher.pollOnce();
      assertThat(watcher.pollOnce()).isEmpty();
    }
    assertThat(server.requests("/feed")).hasSize(2);
    assertThat(server.requests("/item1")).hasSize(1);
    assertThat(server.requests("/item2")).hasSize(1);
    assertThat(announced).hasSize(2);
  }

  @Test
  void aStalledFeedDoesNotHoldUpTheOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.stall("/slow", release, "feed-later.xml");
    server.file("/fast", RSS, "feed.xml");
    announcements = new CountDownLatch(2);
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Watcher watcher = watcher(ingester, fetcher, "/slow", "/fast")) {
      Future<List<IngestReport>> poll = background.submit(watcher::pollOnce);

      // The fast feed's two articles arrive while the slow feed has not answered at all.
      assertThat(announcements.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(titles())
          .containsExactlyInAnyOrder(
              "Israel weighs its response to Iran",
              "Oil prices edge higher as markets watch the Gulf");
      assertThat(poll.isDone()).isFalse();

      release.countDown();
      List<IngestReport> reports = poll.get(30, TimeUnit.SECONDS);
      assertThat(reports).allMatch(IngestReport::ok);
    } finally {
      release.countDown();
      background.shutdownNow();
    }
    assertThat(titles()).hasSize(3).contains("G7 leaders condemn the attack and weigh sanctions");
  }

  @Test
  void aFeedThatTimesOutOrFailsIsReportedByUrlAndTheOthersStillCount() {
    CountDownLatch release = new CountDownLatch(1);
    server.stall("/slow", release, "feed.xml");
    server.file("/fast", RSS, "feed.xml");
    try (Fetcher impatient = fetcher(Duration.ofMillis(500));
        Watcher watcher = watcher(ingester(impatient), impatient, "/slow", "/broken", "/fast")) {
      List<IngestReport> reports = watcher.pollOnce();

      assertThat(reports)
          .filteredOn(r -> r.source().equals(server.url("/slow")))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.problems())
                      .singleElement()
                      .satisfies(
                          p ->
                              // the request's own timeout and the whole-answer one race
                              assertThat(p.message()).contains("answer within 500 ms")));
      assertThat(reports)
          .filteredOn(r -> r.source().equals(server.url("/broken")))
          .singleElement()
          .satisfies(r -> assertThat(r.problems().getFirst().message()).contains("HTTP 404"));
    } finally {
      release.countDown();
    }
    assertThat(announced).hasSize(2);
  }

  @Test
  void aFileDroppedIntoTheFolderIsIngestedInPlaceOnceItHasSettled() throws IOException {
    Path settled = articles.resolve("050-dropped.md");
    Files.write(settled, server.fixture("article.md"));
    Files.setLastModifiedTime(settled, FileTime.from(NOW.minusSeconds(10)));
    Path fresh = articles.resolve("051-still-copying.md");
    Files.writeString(fresh, "---\ntitle: Half\n---\n\nHalf a file is still being copied here.\n");
    Files.setLastModifiedTime(fresh, FileTime.from(NOW));

    try (Watcher watcher = watcher(ingester, fetcher)) {
      List<IngestReport> reports = watcher.pollOnce();
      assertThat(reports).singleElement().satisfies(r -> assertThat(r.added()).hasSize(1));
      assertThat(watcher.pollOnce()).isEmpty();
    }
    assertThat(announced).extracting(Article::id).containsExactly("050-dropped");
    assertThat(index.article("050-dropped")).isPresent();
    assertThat(index.article("051-still-copying")).isEmpty();
  }

  @Test
  void anEditedFileReplacesItsIndexedVersionWithoutBeingAnnouncedAgain() throws IOException {
    Path file = articles.resolve("050-dropped.md");
    Files.write(file, server.fixture("article.md"));
    Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(60)));
    try (Watcher watcher = watcher(ingester, fetcher)) {
      watcher.pollOnce();
      String edited =
          Files.readString(file)
              + "\nA correction was added on Tuesday: the meeting ran late into the night.\n";
      Files.writeString(file, edited);
      Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(10)));
      assertThat(watcher.pollOnce()).isEmpty();
    }
    assertThat(index.sentences("050-dropped"))
        .extracting(s -> s.text())
        .contains("A correction was added on Tuesday: the meeting ran late into the night.");
    assertThat(index.search("when did the meeting run late into the night", 1))
        .singleElement()
        .satisfies(h -> assertThat(h.sentence().articleId()).isEqualTo("050-dropped"));
    assertThat(announced).extracting(Article::id).containsExactly("050-dropped");
  }

  @Test
  void aDroppedDuplicateIsSetAsideAndTheIngestersOwnFilesAreNotAnnouncedAgain() throws IOException {
    server.file("/news/kirby", "text/html", "page.html");
    Article first = ingester.ingest(server.url("/news/kirby")).added().getFirst().article();
    Path own = articles.resolve(first.id() + ".md");
    Files.setLastModifiedTime(own, FileTime.from(NOW.minusSeconds(10)));
    Path copy = articles.resolve("900-copy.md");
    Files.copy(own, copy);
    Files.setLastModifiedTime(copy, FileTime.from(NOW.minusSeconds(10)));

    try (Watcher watcher = watcher(ingester, fetcher)) {
      List<IngestReport> reports = watcher.pollOnce();
      assertThat(reports)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.duplicates())
                      .singleElement()
                      .satisfies(d -> assertThat(d.duplicateOf()).isEqualTo(first.id())));
    }
    assertThat(copy).doesNotExist();
    assertThat(articles.resolve("900-copy.md.duplicate")).exists();
    assertThat(Articles.readAll(articles).articles())
        .extracting(Article::id)
        .containsExactly(first.id());
    assertThat(announced).containsExactly(first);
  }

  @Test
  void startPollsEveryFeedAtOnceOnItsOwnSchedule() throws InterruptedException {
    server.file("/feed", RSS, "feed.xml");
    announcements = new CountDownLatch(2);
    try (Watcher watcher = watcher(ingester, fetcher, "/feed")) {
      watcher.start();
      assertThat(announcements.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(titles())
        .containsExactlyInAnyOrder(
            "Israel weighs its response to Iran",
            "Oil prices edge higher as markets watch the Gulf");
  }
}
