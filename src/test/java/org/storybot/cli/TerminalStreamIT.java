package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.answer.Answerer;
import org.storybot.answer.Conversations;
import org.storybot.answer.LlmStub;
import org.storybot.answer.Prompts;
import org.storybot.article.Articles;
import org.storybot.bot.Metrics;
import org.storybot.bot.Replies;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/**
 * {@code storybot ask} and {@code storybot chat} on a terminal, against the streaming stub on
 * 127.0.0.1: the checked sentences appear while the model writes, and what is printed in the end is
 * exactly what the same reply prints without streaming, once.
 */
class TerminalStreamIT {
  static final String QUESTION = "Is the US looking for a war with Iran?";
  static StoryIndex index;
  static LlmStub llm;
  static Answerer answerer;

  @BeforeAll
  static void setUp() throws Exception {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    llm = new LlmStub();
    llm.replier = (request, auth) -> StreamingBotIT.faithful(request, 4);
    llm.tokenMillis = 20;
    answerer =
        new Answerer(
            index,
            SharedRanker.get(),
            OpenAiChatModel.builder()
                .baseUrl(llm.openAiUrl())
                .apiKey("sk-test")
                .modelName("stub-model")
                .maxRetries(0)
                .build(),
            OpenAiStreamingChatModel.builder()
                .baseUrl(llm.openAiUrl())
                .apiKey("sk-test")
                .modelName("stub-model")
                .build(),
            Prompts.load(Path.of("prompts")),
            Duration.ofSeconds(5));
  }

  @AfterAll
  static void tearDown() {
    llm.close();
    index.close();
  }

  /** A writer that keeps what had been written at each flush. */
  static final class Flushes extends StringWriter {
    final List<String> seen = new ArrayList<>();

    @Override
    public void flush() {
      seen.add(toString());
    }
  }

  @Test
  void askPrintsTheCheckedSentencesAsTheyComeThenTheSameAnswerAsWithoutStreaming() {
    Flushes text = new Flushes();
    AskCommand.stream(answerer, QUESTION, new PrintWriter(text));
    String expected = Rendering.plain(answerer.answer(QUESTION)) + System.lineSeparator();
    assertThat(text.toString()).isEqualTo(expected).doesNotContain(StreamingBotIT.INVENTED);
    assertThat(text.seen)
        .anyMatch(s -> !s.isEmpty() && !s.contains("Sources:") && expected.startsWith(s));
  }

  @Test
  void chatStreamsTheSameWay() {
    Replies replies =
        new Replies(
            index,
            answerer,
            new Conversations(answerer, 6),
            null,
            Set.of(),
            u -> "",
            new Metrics());
    StringWriter plain = new StringWriter();
    ChatCommand.say(replies, QUESTION, null, new PrintWriter(plain));
    Replies fresh =
        new Replies(
            index,
            answerer,
            new Conversations(answerer, 6),
            null,
            Set.of(),
            u -> "",
            new Metrics());
    Flushes text = new Flushes();
    PrintWriter out = new PrintWriter(text);
    ChatCommand.say(fresh, QUESTION, new TerminalDrafts(out), out);
    assertThat(text.toString()).isEqualTo(plain.toString().replace("\n", System.lineSeparator()));
    assertThat(text.seen).anyMatch(s -> !s.isEmpty() && !s.contains("Sources"));
  }
}
