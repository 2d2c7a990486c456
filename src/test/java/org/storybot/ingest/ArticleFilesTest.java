package org.storybot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;

class ArticleFilesTest {
  @TempDir Path folder;

  @Test
  void writtenFrontMatterReadsBackExactlyEvenWithQuotesAndBackslashes() throws IOException {
    ArticleFiles files = new ArticleFiles(folder);
    Draft d =
        new Draft(
            "He said \"no\" \\ twice:\n again",
            "Wire: \"Quotes\"",
            null,
            "2024-04-14T18:30:00Z",
            "## Context\n\nFirst paragraph here.\n\nSecond one, with a \"quote\".\n\nRead more: another story");

    Path file = files.write("007-quotes", d);
    Article a = Articles.read(file);

    assertThat(a.id()).isEqualTo("007-quotes");
    assertThat(a.title()).isEqualTo("He said \"no\" \\ twice: again");
    assertThat(a.source()).isEqualTo("Wire: \"Quotes\"");
    assertThat(a.url()).isNull();
    assertThat(a.published()).isEqualTo("2024-04-14T18:30:00Z");
    assertThat(a.sentences())
        .extracting(s -> s.text())
        .containsExactly("First paragraph here.", "Second one, with a \"quote\".");
    assertThat(a.related()).containsExactly("Read more: another story");
    try (var hidden = Files.list(folder)) {
      assertThat(hidden).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void newIdsFollowTheHighestNumberInTheFolderOrTheIndex() throws IOException {
    Files.writeString(folder.resolve("000-us-not-looking.md"), "x");
    Files.writeString(folder.resolve("041-later.txt"), "x");
    Files.writeString(folder.resolve("notes.md"), "x");
    ArticleFiles files = new ArticleFiles(folder);

    assertThat(files.nextId("Élysée: ‘Talks’ resume — at 10am!", List.of()))
        .isEqualTo("042-elysee-talks-resume-at-10am");
    assertThat(files.nextId("?", List.of("107-from-a-corpus"))).isEqualTo("108-article");
  }

  @Test
  void removesOnlyOldUnfinishedWrites() throws IOException {
    ArticleFiles files = new ArticleFiles(folder);
    Path old = Files.writeString(folder.resolve(".004-half.md.tmp"), "---\ntitle: \"Hal");
    Path fresh = Files.writeString(folder.resolve(".005-busy.md.tmp"), "---\n");
    Path article = Files.writeString(folder.resolve("003-whole.md"), "# Whole\n\nText.\n");
    Instant now = Instant.now();
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofMinutes(5))));
    Files.setLastModifiedTime(article, FileTime.from(now.minus(Duration.ofMinutes(5))));

    assertThat(files.removeUnfinished(now.minus(Duration.ofMinutes(1)))).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(article).exists();
  }
}
