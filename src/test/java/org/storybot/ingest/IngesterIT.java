package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.ArticleInfo;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

class IngesterIT {
  @TempDir Path tmp;
  Path articles;
  StoryIndex index;
  FixtureServer server;
  Fetcher fetcher;
  Ingester ingester;
  final List<Article> announced = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    articles = Files.createDirectories(tmp.resolve("articles"));
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    server = new FixtureServer();
    fetcher = new Fetcher(FetchPolicy.defaults().withAllowPrivate(true).withMaxBytes(64 << 10));
    ingester = new Ingester(index, articles, fetcher, Clock.systemUTC(), announced::add);
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    server.close();
    index.close();
  }

  Path fixture(String name) throws IOException {
    Path file = Files.createDirectories(tmp.resolve("incoming")).resolve(name);
    Files.write(file, server.fixture(name));
    return file;
  }

  List<String> folder() throws IOException {
    try (Stream<Path> files = Files.list(articles)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  List<String> indexedIds() {
    return index.articles().stream().map(ArticleInfo::id).sorted().toList();
  }

  @Test
  void aMarkdownFileBecomesANumberedArticleFileIndexedAndAnnouncedOnce() throws IOException {
    IngestReport r = ingester.ingest(fixture("article.md").toString());

    assertThat(r.ok()).isTrue();
    assertThat(r.added()).hasSize(1);
    Article a = r.added().getFirst().article();
    assertThat(a.id()).isEqualTo("000-iran-says-its-operation-against-israel-has-concluded");
    assertThat(folder()).containsExactly(a.id() + ".md");
    Article reread = Articles.read(articles.resolve(a.id() + ".md"));
    assertThat(reread).isEqualTo(a);
    assertThat(reread.source()).isEqualTo("Wire Service");
    assertThat(reread.url()).isEqualTo("https://wire.example.com/iran-operation-concluded");
    assertThat(
            index
                .search("Which premises were struck in Damascus?", 3)
                .getFirst()
                .sentence()
                .articleId())
        .isEqualTo(a.id());
    assertThat(announced).containsExactly(a);
  }

  @Test
  void aFolderAndAJsonlCorpusAddEveryArticleWithProgress() throws IOException {
    fixture("article.md");
    fixture("corpus.jsonl");
    List<Integer> steps = new ArrayList<>();

    IngestReport r =
        ingester.ingest(
            tmp.resolve("incoming").toString(), (done, total) -> steps.add(done * 10 + total));

    assertThat(r.problems()).isEmpty();
    assertThat(r.added())
        .extracting(x -> x.article().title())
        .containsExactlyInAnyOrder(
            "Iran says its operation against Israel has concluded",
            "Jordan says it intercepted objects over its airspace",
            "Flights resume after airspace closures",
            "Markets in the Gulf open lower");
    assertThat(steps).containsExactly(14, 24, 34, 44);
    assertThat(folder()).hasSize(4).allMatch(n -> n.matches("00[0-3]-[a-z0-9-]+\\.md"));
    assertThat(indexedIds()).hasSize(4);
    assertThat(announced).hasSize(4);
  }

  @Test
  void aPageGivesItsMainTextAndItsMetadata() {
    server.file("/news/kirby", "text/html; charset=utf-8", "page.html");

    IngestReport r = ingester.ingest(server.url("/news/kirby"));

    assertThat(r.problems()).isEmpty();
    Article a = r.added().getFirst().article();
    assertThat(a.title()).isEqualTo("Kirby says the US is not seeking a wider war with Iran");
    assertThat(a.source()).isEqualTo("Example News");
    assertThat(a.published()).isEqualTo("2024-04-14T18:30:00Z");
    assertThat(a.url()).isEqualTo("https://news.example.com/2024/04/kirby-wider-war");
    assertThat(a.body())
        .contains("John Kirby said on Sunday that the United States is not looking for a wider war")
        .contains("## Allies urge restraint")
        .doesNotContain("Cookie settings")
        .doesNotContain("Sport");
    assertThat(a.sentences()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(r.added().getFirst().origin()).isEqualTo(server.url("/news/kirby"));
  }

  @Test
  void aSavedWebPageIsReadAsItsPageWithItsOwnLink() throws IOException {
    IngestReport r = ingester.ingest(fixture("page.html").toString());

    assertThat(r.problems()).isEmpty();
    Article a = r.added().getFirst().article();
    assertThat(a.title()).isEqualTo("Kirby says the US is not seeking a wider war with Iran");
    assertThat(a.url()).isEqualTo("https://news.example.com/2024/04/kirby-wider-war");
    assertThat(a.body()).contains("## Allies urge restraint").doesNotContain("Cookie settings");
    assertThat(folder()).containsExactly(a.id() + ".md");
    assertThat(indexedIds()).containsExactly(a.id());

    // a page that names no link of its own gets none: the file's path means nothing to a reader
    Path bare = tmp.resolve("incoming").resolve("Saved Page.HTM");
    Files.writeString(
        bare,
        "<html><head><title>Flights resume</title></head><body><article><p>Airlines resumed"
            + " flights over Jordan on Monday after the airspace reopened.</p></article></body>"
            + "</html>");
    Article saved = ingester.ingest(bare.toString()).added().getFirst().article();
    assertThat(saved.title()).isEqualTo("Flights resume");
    assertThat(saved.url()).isNull();

    Path empty = Files.write(tmp.resolve("incoming").resolve("empty.html"), new byte[0]);
    assertThat(ingester.ingest(empty.toString()).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("empty file"));
    assertThat(ingester.ingest(fixture("feed.xml").toString()).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("saved as .html"));
    assertThat(indexedIds()).hasSize(2);
  }

  @Test
  void anRssFeedAddsEachItemFromItsPage() {
    server.file("/feed", "application/rss+xml", "feed.xml");
    server.file("/item1", "text/html", "item1.html");
    server.file("/item2", "text/html", "item2.html");

    IngestReport r = ingester.ingest(server.url("/feed"));

    assertThat(r.problems()).isEmpty();
    assertThat(r.added())
        .extracting(x -> x.article().title())
        .containsExactly(
            "Israel weighs its response to Iran",
            "Oil prices edge higher as markets watch the Gulf");
    Article first = r.added().getFirst().article();
    assertThat(first.body()).contains("Herzi Halevi");
    assertThat(first.published()).isEqualTo("2024-04-15T09:00:00Z");
    // The item's own date stands in when the page has none.
    assertThat(r.added().get(1).article().published()).isEqualTo("2024-04-15T07:30:00Z");
    assertThat(announced).hasSize(2);
  }

  @Test
  void anAtomItemWhosePageFailsFallsBackToTheFeedsOwnText() {
    server.file("/atom", "application/atom+xml", "atom.xml");
    server.file("/item3", "text/html", "item3.html");

    IngestReport r = ingester.ingest(server.url("/atom"));

    assertThat(r.problems()).isEmpty();
    assertThat(r.added())
        .extracting(x -> x.article().title())
        .containsExactly(
            "G7 leaders condemn the attack and weigh sanctions",
            "Embassy staff told to limit travel");
    assertThat(r.added().get(1).article().body())
        .contains("limit their travel outside the main cities");
  }

  @Test
  void feedsAreRecognisedByTheirContentWhenServedAsPlainXml() {
    server.file("/rss.php", "text/xml", "feed.xml");
    server.file("/item1", "text/html", "item1.html");
    server.file("/item2", "text/html", "item2.html");

    assertThat(ingester.ingest(server.url("/rss.php")).added()).hasSize(2);
  }

  @Test
  void theSameArticleUnderAnotherSpellingOfItsUrlOrAnotherUrlIsADuplicate() {
    server.file("/news/kirby", "text/html", "page.html");
    server.file("/mirror", "text/html", "page-copy.html");
    String first = ingester.ingest(server.url("/news/kirby")).added().getFirst().article().id();

    IngestReport again = ingester.ingest(server.url("/news/kirby?utm_source=telegram#comments"));
    IngestReport copy = ingester.ingest(server.url("/mirror"));

    assertThat(again.added()).isEmpty();
    assertThat(again.duplicates())
        .singleElement()
        .satisfies(d -> assertThat(d.duplicateOf()).isEqualTo(first))
        .satisfies(d -> assertThat(d.reason()).isEqualTo("same URL"));
    assertThat(copy.added()).isEmpty();
    assertThat(copy.duplicates())
        .singleElement()
        .satisfies(d -> assertThat(d.duplicateOf()).isEqualTo(first))
        .satisfies(d -> assertThat(d.reason()).isEqualTo("same text"));
    assertThat(indexedIds()).containsExactly(first);
    assertThat(announced).hasSize(1);
  }

  @Test
  void aFeedItemAlreadyIndexedIsADuplicateAndItsPageIsNotFetched() {
    server.file("/feed", "application/rss+xml", "feed.xml");
    server.file("/item1", "text/html", "item1.html");
    server.file("/item2", "text/html", "item2.html");
    ingester.ingest(server.url("/item2"));

    IngestReport r = ingester.ingest(server.url("/feed"));

    assertThat(r.added())
        .extracting(x -> x.article().title())
        .containsExactly("Israel weighs its response to Iran");
    assertThat(r.duplicates())
        .extracting(IngestReport.Duplicate::reason)
        .containsExactly("same URL");
    assertThat(server.requests("/item2")).hasSize(1);
  }

  @Test
  void manyThreadsAddingTheSamePageIndexAndAnnounceItOnce() throws Exception {
    server.file("/news/kirby", "text/html", "page.html");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<IngestReport>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++)
        runs.add(pool.submit(() -> ingester.ingest(server.url("/news/kirby"))));
      int added = 0, duplicates = 0;
      for (Future<IngestReport> f : runs) {
        added += f.get().added().size();
        duplicates += f.get().duplicates().size();
      }
      assertThat(added).isEqualTo(1);
      assertThat(duplicates).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
    assertThat(announced).hasSize(1);
    assertThat(folder()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a 404                | /missing   | HTTP 404",
        "a PDF                | /report    | not an HTML page or an RSS/Atom feed (content type application/pdf)",
        "binary sent as HTML  | /binary    | binary content, not a web page or a feed",
        "an empty response    | /blank     | empty response",
        "a page with no text  | /empty     | no article text found on the page",
        "a huge page          | /huge      | response larger than 64 KB: stopped reading",
        "a malformed feed     | /malformed | malformed feed",
        "a redirect to ftp    | /to-ftp    | only http and https URLs can be fetched, not 'ftp:'",
      })
  void badUrlsGetAClearProblemNamingThemAndChangeNothing(String what, String path, String message)
      throws IOException {
    server.file("/news/kirby", "text/html", "page.html");
    ingester.ingest(server.url("/news/kirby"));
    List<String> before = indexedIds();
    List<String> files = folder();
    server.bytes(
        "/report", 200, "application/pdf", "%PDF-1.7 binary".getBytes(StandardCharsets.UTF_8));
    server.bytes("/blank", 200, "text/html", new byte[0]);
    server.bytes("/binary", 200, "text/html", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    server.file("/empty", "text/html", "empty.html");
    server.bytes(
        "/huge",
        200,
        "text/html",
        ("<p>" + "word ".repeat(40_000) + "</p>").getBytes(StandardCharsets.UTF_8));
    server.file("/malformed", "application/rss+xml", "malformed.xml");
    server.redirect("/to-ftp", "ftp://127.0.0.1/file");

    IngestReport r = ingester.ingest(server.url(path));

    assertThat(r.added()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.origin()).isEqualTo(server.url(path));
              assertThat(p.message()).contains(message);
            });
    assertThat(indexedIds()).isEqualTo(before);
    assertThat(folder()).isEqualTo(files);
    assertThat(announced).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a binary file        | photo.md            | binary file, not an article",
        "an image             | photo.png           | not an article file",
        "a missing file       | nowhere.md          | no such file or folder",
        "a file: URL          | file:///etc/passwd  | only http and https URLs can be fetched, not 'file:'",
        "an ftp URL           | ftp://127.0.0.1/x   | only http and https URLs can be fetched, not 'ftp:'",
      })
  void badFilesAndSchemesGetAClearProblemNamingThemAndChangeNothing(
      String what, String name, String message) throws IOException {
    Path incoming = Files.createDirectories(tmp.resolve("incoming"));
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    Files.write(incoming.resolve("photo.md"), binary);
    Files.write(incoming.resolve("photo.png"), binary);
    String source = name.contains(":") ? name : incoming.resolve(name).toString();

    IngestReport r = ingester.ingest(source);

    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.origin()).isEqualTo(source);
              assertThat(p.message()).contains(message);
            });
    assertThat(indexedIds()).isEmpty();
    assertThat(folder()).isEmpty();
    assertThat(announced).isEmpty();
  }

  @Test
  void privateAddressesAreRefusedByDefaultWithoutAnyRequest() {
    server.file("/news/kirby", "text/html", "page.html");
    try (Fetcher strict = new Fetcher(FetchPolicy.defaults())) {
      Ingester careful = new Ingester(index, articles, strict, Clock.systemUTC(), announced::add);

      IngestReport r = careful.ingest(server.url("/news/kirby"));

      assertThat(r.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.origin()).isEqualTo(server.url("/news/kirby"));
                assertThat(p.message())
                    .contains("refused")
                    .contains("127.0.0.1")
                    .contains("STORYBOT_ALLOW_PRIVATE_URLS");
              });
    }
    assertThat(server.requests("/news/kirby")).isEmpty();
    assertThat(indexedIds()).isEmpty();
  }

  @Test
  void redirectsAreFollowedToThePage() {
    server.file("/news/kirby", "text/html", "page.html");
    server.redirect("/short", "/news/kirby");

    assertThat(ingester.ingest(server.url("/short")).added()).hasSize(1);
  }

  @Test
  void withTheIndexHeldByARunningBotTheArticleIsOnlyWrittenForTheBotToPickUp() throws IOException {
    server.file("/news/kirby", "text/html", "page.html");
    Path dir = tmp.resolve("lucene");
    try (StoryIndex bot = StoryIndex.open(dir, SharedEmbedder.get())) {
      bot.sync(List.of()); // a first commit, as a running bot has made
      StoryIndex readOnly = StoryIndex.open(dir, SharedEmbedder.get());
      assertThat(readOnly.readOnly()).isTrue();
      Ingester cli = new Ingester(readOnly, articles, fetcher, Clock.systemUTC(), announced::add);

      IngestReport r = cli.ingest(server.url("/news/kirby"));

      assertThat(r.added()).hasSize(1);
      assertThat(folder()).containsExactly(r.added().getFirst().article().id() + ".md");
      assertThat(bot.articles()).isEmpty();
      assertThat(announced).isEmpty();
      readOnly.close();
    }
  }

  @Test
  void ingestUrlRefusesLocalPaths() throws IOException {
    Path file = fixture("article.md");

    IngestReport r = ingester.ingestUrl(file.toString());

    assertThat(r.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not a URL"));
    assertThat(folder()).isEmpty();
  }
}
