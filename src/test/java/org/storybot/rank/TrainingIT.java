package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

/**
 * {@code storybot train} on a slice of the data (one paragraph of every Wikipedia article, asked of
 * the whole slice and of story-sized indexes, no news): models come out, load, and rank; the report
 * holds the test fold's figures.
 */
class TrainingIT {
  static final Path DATASETS =
      Path.of(System.getProperty("storybot.shared", "../shared"), "datasets");

  @Test
  void trainsModelsThatLoadAndAnswer(@TempDir Path out) throws Exception {
    Training training = new Training(SharedEmbedder.get(), step -> {});
    TrainingReport report =
        training.train(new Training.Options(DATASETS, 1, false, 0, null, null), out);

    for (String f :
        List.of(Ranker.FIRST, Ranker.SECOND, Ranker.CHECK, Ranker.CROSS_ENCODER, Ranker.MANIFEST)) {
      assertThat(out.resolve(f)).isRegularFile();
    }
    JsonNode manifest = new ObjectMapper().readTree(out.resolve(Ranker.MANIFEST).toFile());
    assertThat(manifest.path("threshold").asDouble()).isBetween(0.0, 1.0);
    assertThat(manifest.path("data").has(TrainingData.SQUAD1)).isTrue();
    assertThat(manifest.path("features").path(Ranker.FIRST)).hasSize(Features.NAMES.size());
    assertThat(report.sources())
        .extracting(TrainingReport.Source::name)
        .contains("squad1", "story-squad1", "story-squad1-offtopic", "story-squad2");
    // The same questions asked again of story-sized indexes, and other topics' asked there too.
    assertThat(report.source("story-squad1").answerable()).isPositive();
    assertThat(report.source("story-squad1-offtopic").unanswerable()).isPositive();
    assertThat(report.source("story-squad1-offtopic").answerable()).isZero();
    assertThat(report.source("squad1").answerable()).isPositive();
    assertThat(report.table()).contains("features + cross-encoder");
    // SQuAD 2.0 has both kinds of question: its own operating point is reported, and the served
    // threshold, which must also hold for the other sources, is never above it.
    TrainingReport.Source squad2 = report.source("squad2");
    assertThat(squad2.own()).isNotNull();
    assertThat(squad2.own().threshold()).isGreaterThanOrEqualTo(report.threshold());
    assertThat(squad2.own().unanswerableAbstained())
        .isGreaterThanOrEqualTo(squad2.unanswerableAbstained());
    assertThat(report.source("squad1").own()).isNull();
    assertThat(manifest.path("held_out").path("squad2").has("at_own_threshold")).isTrue();
    // Every answerable test question is also counted once in the slice of its kind of answer.
    int bySource = 0, byKind = 0;
    for (TrainingReport.Source s : report.sources()) {
      if (s.name().startsWith("kind:")) {
        assertThat(s.unanswerable()).as(s.name()).isZero();
        byKind += s.answerable();
      } else if (!s.name().equals(Learned.PARAPHRASED)) {
        bySource += s.answerable();
      }
    }
    assertThat(byKind).isPositive().isEqualTo(bySource);
    assertThat(manifest.path("held_out").path("kind:what").path("answerable").asInt()).isPositive();

    try (Ranker ranker = Ranker.from(out);
        StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(Articles.readAll(Path.of("index/articles")).articles());
      Ranker.Ranking r = ranker.rank(index.retrieve("What did Biden tell Netanyahu?"));
      assertThat(r.best()).isNotEmpty();
      assertThat(r.confidence()).isBetween(0f, 1f);
    }
  }

  @Test
  void theSameDataGiveTheSameModels(@TempDir Path a, @TempDir Path b) throws Exception {
    Training training = new Training(SharedEmbedder.get(), step -> {});
    var options = new Training.Options(DATASETS, 1, false, 0, null, null);
    training.train(options, a);
    training.train(options, b);
    for (String f : List.of(Ranker.FIRST, Ranker.SECOND, Ranker.CHECK)) {
      assertThat(Files.readAllBytes(a.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(b.resolve(f)));
    }
  }
}
