package org.storybot.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticlesTest {
  static final Path SEED_MD = Path.of("index/articles/000-us-not-looking-for-war-with-iran.md");
  static final Path SEED_TXT =
      Path.of(System.getProperty("storybot.shared", "../shared"), "story/000_7466d621d042e3b8.txt");

  @TempDir Path dir;

  @Test
  void readsTheSeedArticleWithFrontMatterHeadingAndRelatedLink() {
    Article a = Articles.read(SEED_MD);
    assertThat(a.id()).isEqualTo("000-us-not-looking-for-war-with-iran");
    assertThat(a.title())
        .isEqualTo("US not looking for war against Iran, opposes escalations in ME: Kirby");
    assertThat(a.source()).isNull();
    assertThat(a.url()).isNull();
    assertThat(a.published()).isNull();
    assertThat(a.related())
        .containsExactly(
            "Read more: Attack on Iran will lead to response 'twice the force': IRGC commander");
    assertThat(a.sentences()).noneMatch(s -> s.text().contains("Read more"));
    assertThat(a.sentences().getFirst().heading()).isNull();
    assertThat(a.sentences().getLast().heading())
        .isEqualTo("Biden tells Netanyahu US opposes response to Iran's retaliation");
  }

  @Test
  void sentenceOffsetsPointIntoTheBody() {
    Article a = Articles.read(SEED_MD);
    for (Sentence s : a.sentences()) {
      assertThat(a.body().substring(s.start(), s.end())).isEqualTo(s.text());
    }
    assertThat(a.sentences()).extracting(Sentence::ordinal).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void plainTextSeedReadsTheSameSentencesAsTheMarkdownVersion() {
    Article txt = Articles.read(SEED_TXT);
    Article md = Articles.read(SEED_MD);
    assertThat(txt.title()).isEqualTo(md.title());
    assertThat(txt.sentences())
        .extracting(Sentence::text)
        .isEqualTo(md.sentences().stream().map(Sentence::text).toList());
    assertThat(txt.sentences())
        .extracting(Sentence::heading)
        .isEqualTo(md.sentences().stream().map(Sentence::heading).toList());
    assertThat(txt.related()).isEqualTo(md.related());
    assertThat(txt.textHash()).isEqualTo(md.textHash());
  }

  @Test
  void jsonlCorpusKeepsGoodLinesAndReportsBadOnesWithLineNumbers() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(
        corpus,
        """
        {"id": "a1", "title": "First", "text": "One sentence here. Another one there.", "url": "https://example.org/a1"}
        {"id": "a2", "title": "Broken", "text": "no closing brace"
        {"id": "a3", "text": "Missing title."}
        {"id": "a4", "title": "Fourth", "text": "Para one.\\n\\nPara two is here.", "published": "2024-04-15"}
        """);
    Articles.Batch batch = Articles.readAll(corpus);
    assertThat(batch.articles()).extracting(Article::id).containsExactly("a1", "a4");
    assertThat(batch.articles().getFirst().url()).isEqualTo("https://example.org/a1");
    assertThat(batch.articles().get(1).sentences())
        .extracting(Sentence::paragraph)
        .containsExactly(0, 1);
    assertThat(batch.problems()).extracting(ArticleFormatException::line).containsExactly(2, 3);
    assertThat(batch.problems().get(0).getMessage())
        .contains("corpus.jsonl:2")
        .contains("malformed JSON");
    assertThat(batch.problems().get(1).getMessage()).contains("corpus.jsonl:3").contains("'title'");
  }

  @Test
  void aJsonlLineOverTheCapIsReportedAndTheOthersAreRead() throws IOException {
    Path corpus = dir.resolve("huge.jsonl");
    String huge = "Word. ".repeat(Articles.MAX_JSONL_LINE / 6 + 1);
    Files.writeString(
        corpus,
        "{\"id\": \"h1\", \"title\": \"Huge\", \"text\": \""
            + huge
            + "\"}\n{\"id\": \"s2\", \"title\": \"Small\", \"text\": \"It is short.\"}\n");
    Articles.Batch batch = Articles.readAll(corpus);
    assertThat(batch.articles()).extracting(Article::id).containsExactly("s2");
    assertThat(batch.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.getMessage()).contains("huge.jsonl:1").contains("at most 1,000,000");
            });
  }

  @Test
  void aBadFileNeverStopsTheOthers() throws IOException {
    Files.writeString(dir.resolve("good.md"), "---\ntitle: Good\n---\n\nIt is fine. Really.\n");
    Files.writeString(dir.resolve("unclosed.md"), "---\ntitle: Oops\n\nNo closing fence.\n");
    Files.write(dir.resolve("binary.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
    Files.writeString(dir.resolve("notes.csv"), "ignored,because,not,an,article\n");
    Articles.Batch batch = Articles.readAll(dir);
    assertThat(batch.articles()).extracting(Article::id).containsExactly("good");
    assertThat(batch.problems())
        .extracting(p -> p.file().getFileName().toString())
        .containsExactlyInAnyOrder("unclosed.md", "binary.txt");
    assertThat(batch.problems()).anySatisfy(p -> assertThat(p.getMessage()).contains("binary"));
    assertThat(batch.problems())
        .anySatisfy(
            p -> assertThat(p.getMessage()).contains("unclosed.md:1").contains("never closed"));
  }

  @Test
  void frontMatterLineWithoutAColonNamesItsLine() throws IOException {
    Path f = dir.resolve("bad.md");
    Files.writeString(f, "---\ntitle: T\nthis is not a field\n---\n\nText.\n");
    assertThatThrownBy(() -> Articles.read(f))
        .isInstanceOf(ArticleFormatException.class)
        .hasMessageContaining("bad.md:3");
  }

  @Test
  void aFileWithNoNameBeforeItsExtensionIsAFormatProblemUnlessItHasAnId() throws IOException {
    Path txt = Files.writeString(dir.resolve(".txt"), "Title\nText.\n");
    assertThatThrownBy(() -> Articles.read(txt))
        .isInstanceOf(ArticleFormatException.class)
        .hasMessageContaining("no article id");
    Path md = Files.writeString(dir.resolve(".md"), "---\ntitle: T\nid: named\n---\n\nText.\n");
    assertThat(Articles.read(md).id()).isEqualTo("named");
  }

  @Test
  void duplicateIdsAreReportedOnce() throws IOException {
    Files.writeString(dir.resolve("a.md"), "---\ntitle: A\nid: same\n---\n\nText A.\n");
    Files.writeString(dir.resolve("b.md"), "---\ntitle: B\nid: same\n---\n\nText B.\n");
    Articles.Batch batch = Articles.readAll(dir);
    assertThat(batch.articles()).hasSize(1);
    assertThat(batch.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.getMessage()).contains("duplicate article id 'same'"));
  }

  @Test
  void contentHashChangesWithTheTextAndTextHashIgnoresMetadata() {
    Article a =
        Articles.of("x", "Title", null, "https://a.example/1", null, "Some text. More text.");
    Article b =
        Articles.of(
            "y",
            "Other title",
            "Src",
            "https://b.example/2",
            "2024-01-01",
            "Some text. More text.");
    Article c =
        Articles.of("x", "Title", null, "https://a.example/1", null, "Some text. Changed text.");
    assertThat(a.textHash()).isEqualTo(b.textHash());
    assertThat(a.contentHash()).isNotEqualTo(c.contentHash());
    assertThat(List.of(a.contentHash(), b.contentHash())).doesNotHaveDuplicates();
  }
}
