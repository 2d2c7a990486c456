package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;

class IngestCommandTest {
  @TempDir Path dir;

  @Test
  void ingestsWhatItCanReportsEachSourceAndExits65WhenOneFailed() throws Exception {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.copy(
        Path.of("index/articles/000-us-not-looking-for-war-with-iran.md"),
        articles.resolve("000-seed.md"));
    Path incoming = Files.createDirectories(dir.resolve("incoming"));
    Path good = incoming.resolve("good.md");
    Files.copy(Path.of("src/test/resources/ingest/article.md"), good);
    Path corpus = incoming.resolve("corpus.jsonl");
    Files.copy(Path.of("src/test/resources/ingest/corpus.jsonl"), corpus);
    String[] common = {
      "ingest", "--articles", articles.toString(), "--index", dir.resolve("idx").toString()
    };

    MainTest.Run r =
        MainTest.run(
            concat(
                common,
                good.toString(),
                incoming.resolve("missing.md").toString(),
                corpus.toString(),
                "gopher://example.com/x"));

    assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.out())
        .contains("added      001-iran-says-its-operation-against-israel-has-concluded")
        .contains("missing.md:\n  problem    no such file or folder")
        .contains("only http and https URLs can be fetched, not 'gopher:'")
        .contains("4 added, 0 duplicates, 2 problems.");
    try (Stream<Path> files = Files.list(articles)) {
      assertThat(files).hasSize(5);
    }
    assertThat(Articles.readAll(articles).problems()).isEmpty();

    MainTest.Run again = MainTest.run(concat(common, good.toString()));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out())
        .contains(
            "duplicate  Iran says its operation against Israel has concluded  (same URL as 001-")
        .contains("0 added, 1 duplicate, 0 problems.");
  }

  @Test
  void privateUrlsAreRefusedUnlessTheSettingAllowsThem() {
    assertThat(Config.from(java.util.Map.of()).allowPrivateUrls()).isFalse();
    assertThat(
            Config.from(java.util.Map.of("STORYBOT_ALLOW_PRIVATE_URLS", "true")).allowPrivateUrls())
        .isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Config.from(java.util.Map.of("STORYBOT_ALLOW_PRIVATE_URLS", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("STORYBOT_ALLOW_PRIVATE_URLS must be true or false");
  }

  @Test
  void anArticlesFileInsteadOfAFolderIsAConfigurationError() throws Exception {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), "");

    MainTest.Run r =
        MainTest.run(
            "ingest",
            "--articles",
            corpus.toString(),
            "--index",
            dir.resolve("idx").toString(),
            "x.md");

    assertThat(r.code()).isEqualTo(Main.CONFIG);
    assertThat(r.err()).contains("is a file: give a folder with --articles or STORYBOT_ARTICLES");
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
