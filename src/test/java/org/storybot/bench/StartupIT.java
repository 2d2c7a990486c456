package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar answering one question with the flags the launcher gives {@code ask QUESTION}
 * (the C1 compiler alone, no vector module), as the benchmark times it: it answers, and warns about
 * nothing on stderr (Lucene would warn that its vector code cannot run there).
 */
class StartupIT {
  static final Path JAR = Path.of("target/storybot.jar");

  @TempDir Path home;

  @Test
  void oneQuestionOnC1AnswersWithoutWarnings() throws IOException {
    assertThat(JAR).as("the packaged jar (built by mvn package)").isRegularFile();
    Path articles = Files.createDirectories(home.resolve("articles"));
    try (Stream<Path> story = Files.list(Path.of("index/articles"))) {
      for (Path article : story.toList()) {
        Files.copy(article, articles.resolve(article.getFileName()));
      }
    }

    double millis = Startup.millis(JAR, home.resolve("index"), articles, home, "Who is Kirby?", 1);

    assertThat(millis).isPositive();
    assertThat(Startup.FLAGS).contains("-XX:TieredStopAtLevel=1").doesNotContain("--add-modules");
    List<Path> errs;
    try (Stream<Path> files = Files.list(home)) {
      errs = files.filter(f -> f.getFileName().toString().endsWith(".err")).toList();
    }
    assertThat(errs).isNotEmpty();
    // the untimed first launch records the start-up cache and says so; nothing may warn
    for (Path err : errs) {
      assertThat(Files.readString(err)).as(err.toString()).doesNotContain("WARNING", "vector");
    }
  }
}
