package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.answer.Answerer;
import org.storybot.answer.Prompts;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/** The streaming step of the benchmark against its stand-in model on 127.0.0.1. */
class StreamingIT {
  static final Bench.Llm LLM =
      (index, url) ->
          new Answerer(
              index,
              SharedRanker.get(),
              OpenAiChatModel.builder()
                  .baseUrl(url)
                  .apiKey("k")
                  .modelName("paced")
                  .maxRetries(0)
                  .build(),
              OpenAiStreamingChatModel.builder()
                  .baseUrl(url)
                  .apiKey("k")
                  .modelName("paced")
                  .build(),
              Prompts.load(Path.of("prompts")),
              Duration.ofSeconds(10));

  @Test
  void theFirstCheckedWordsComeBeforeTheFinalAnswerWhichIsTheWholeOne() {
    List<String> questions =
        DevQuestions.load(Path.of("src/test/resources/answer/dev-questions.jsonl")).stream()
            .filter(DevQuestions.Question::answerable)
            .map(DevQuestions.Question::text)
            .limit(3)
            .toList();
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(Articles.readAll(Path.of("index/articles")).articles());
      Streaming.Result r = Streaming.run(index, LLM, questions);
      assertThat(r.whole()).isNotEmpty().hasSameSizeAs(r.firstWords()).hasSameSizeAs(r.streamed());
      for (int i = 0; i < r.whole().length; i++) {
        assertThat(r.firstWords()[i]).isPositive().isLessThan(r.streamed()[i]);
        // the stand-in writes at least a sentence before anything can be shown
        assertThat(Duration.ofNanos(r.firstWords()[i]))
            .isGreaterThan(Streaming.PACE.multipliedBy(5));
      }
      Bench.Rows rows = new Bench.Rows();
      Streaming.rows(r, rows);
      assertThat(rows.rows())
          .extracting(Row::measure)
          .contains(
              "LLM answer, not streamed p50",
              "Streamed: first checked words p50",
              "Streamed: final checked answer p95");
      assertThat(rows.rows()).allMatch(row -> row.value() > 0);
    }
  }
}
