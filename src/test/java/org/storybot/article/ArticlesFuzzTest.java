package org.storybot.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the article readers on whole files: whatever the bytes, a file yields well-formed articles
 * or {@link ArticleFormatException}s, nothing else. An input's first line is the file name (its
 * extension picks the reader), the rest is the file's bytes as they are. Seeds are in {@code
 * ArticlesFuzzTestInputs/readsAnyFile}.
 */
class ArticlesFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createFolder() throws IOException {
    dir = Files.createTempDirectory("articles-fuzz");
  }

  @AfterAll
  static void deleteFolder() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.delete(f);
    }
    Files.delete(dir);
  }

  @FuzzTest(maxDuration = "5m")
  void readsAnyFile(byte[] input) throws IOException {
    int nl = indexOf(input, (byte) '\n');
    String name = fileName(new String(input, 0, Math.max(nl, 0), StandardCharsets.UTF_8));
    Path file = dir.resolve(name);
    Files.write(file, nl < 0 ? input : Arrays.copyOfRange(input, nl + 1, input.length));
    try {
      Articles.Batch batch = Articles.readAll(file);
      for (Article article : batch.articles()) assertWellFormed(article);
      for (ArticleFormatException problem : batch.problems()) {
        assertThat(problem.file()).isEqualTo(file);
        assertThat(problem.line()).isNotNegative();
      }
      if (!name.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
        assertThat(batch.articles().size() + batch.problems().size()).isEqualTo(1);
      }
    } finally {
      Files.delete(file);
    }
  }

  /** Sentences are numbered in order and each is exactly the body text at its offsets. */
  static void assertWellFormed(Article article) {
    assertThat(article.id()).isNotBlank();
    assertThat(article.body()).isNotBlank();
    int previousEnd = 0;
    int previousParagraph = 0;
    for (int i = 0; i < article.sentences().size(); i++) {
      Sentence s = article.sentences().get(i);
      assertThat(s.ordinal()).isEqualTo(i);
      assertThat(s.start())
          .as("sentence %d starts after the one before", i)
          .isGreaterThanOrEqualTo(previousEnd);
      assertThat(s.end())
          .as("sentence %d ends inside the body", i)
          .isLessThanOrEqualTo(article.body().length());
      assertThat(article.body().substring(s.start(), s.end())).isEqualTo(s.text());
      assertThat(s.text()).isNotBlank();
      assertThat(s.paragraph()).isGreaterThanOrEqualTo(previousParagraph);
      previousEnd = s.end();
      previousParagraph = s.paragraph();
    }
  }

  /** A safe file name from the first line: letters, digits, dots, dashes; "article" if none. */
  private static String fileName(String line) {
    String name = line.replaceAll("[^A-Za-z0-9._-]", "");
    if (name.length() > 60) name = name.substring(name.length() - 60);
    return name.isEmpty() || name.equals(".") || name.equals("..") ? "article" : name;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    return -1;
  }
}
