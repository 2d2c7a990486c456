package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.answer.Answer;
import org.storybot.rank.ModelException;

/** The wiring: the ranking models load beside the index, and their failures still say what. */
class StorybotTest {
  @TempDir Path dir;

  private Config config(String models) {
    var env =
        new HashMap<>(
            Map.of(
                "STORYBOT_HOME", dir.toString(),
                "STORYBOT_ARTICLES", Path.of("index/articles").toAbsolutePath().toString(),
                "STORYBOT_INDEX", dir.resolve("idx").toString()));
    if (models != null) env.put("STORYBOT_MODELS", models);
    return Config.from(env);
  }

  @Test
  void answersWithTheModelsLoadedBesideTheIndex() {
    try (Storybot storybot = new Storybot(config(null), m -> {})) {
      Answer a = storybot.answerer().answer("Who is John Kirby?");
      assertThat(a.abstained()).isFalse();
      assertThat(a.citations()).isNotEmpty();
      assertThat(storybot.ranker()).isSameAs(storybot.ranker());
    }
  }

  @Test
  void aMissingModelsFolderIsReportedAsItWasBeforeTheIndexOpened() {
    Path missing = dir.resolve("no-models");
    try (Storybot storybot = new Storybot(config(missing.toString()), m -> {})) {
      assertThatThrownBy(storybot::answerer)
          .isInstanceOf(ModelException.class)
          .hasMessageContaining("is not in " + missing);
    }
  }

  @Test
  void whenTheIndexCannotOpenEitherItsProblemComesFirst() {
    Path missing = dir.resolve("no-models");
    Config nothing =
        Config.from(
            Map.of(
                "STORYBOT_HOME", dir.toString(),
                "STORYBOT_ARTICLES", dir.resolve("no-articles").toString(),
                "STORYBOT_INDEX", dir.resolve("no-index").toString(),
                "STORYBOT_MODELS", missing.toString()));
    try (Storybot storybot = new Storybot(nothing, m -> {})) {
      assertThatThrownBy(storybot::answerer)
          .hasMessageContaining("no index at")
          .satisfies(
              e ->
                  assertThat(e.getSuppressed()).singleElement().isInstanceOf(ModelException.class));
    }
  }
}
