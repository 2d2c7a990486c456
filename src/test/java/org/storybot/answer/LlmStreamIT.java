package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/**
 * Streamed answers through the real LangChain4j streaming clients, over HTTP, against the stub
 * streaming server-sent events (OpenAI) and JSON lines (Ollama) from 127.0.0.1.
 */
class LlmStreamIT {
  static final String QUESTION = "Is the US looking for a war with Iran?";
  static final String REPLY =
      "No, the US is not looking for a wider war [1]. Iran surrendered yesterday. It also vowed"
          + " to protect Israel [9][2]. They are not looking for a wider war with Iran [1].";
  static StoryIndex index;
  static LlmStub stub;
  static Prompts prompts = Prompts.load(Path.of("prompts"));
  static Answer extractive;

  @BeforeAll
  static void setUp() throws Exception {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    stub = new LlmStub();
    extractive = new Answerer(index, SharedRanker.get()).answer(QUESTION);
  }

  @AfterAll
  static void tearDown() {
    stub.close();
    index.close();
  }

  @BeforeEach
  void reset() {
    stub.reply = REPLY;
    stub.status = 200;
    stub.tokenMillis = 5;
    stub.cutAfter = -1;
    stub.stallAfter = -1;
  }

  static StreamingChatModel openAi() {
    return openAi(Duration.ofSeconds(10));
  }

  /** An OpenAI-compatible streaming client whose HTTP requests time out after {@code timeout}. */
  static StreamingChatModel openAi(Duration timeout) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(stub.openAiUrl())
        .apiKey("sk-test-secret-key")
        .modelName("stub-model")
        .timeout(timeout)
        .build();
  }

  static StreamingChatModel ollama() {
    return ollama(Duration.ofSeconds(10));
  }

  static StreamingChatModel ollama(Duration timeout) {
    return OllamaStreamingChatModel.builder()
        .baseUrl(stub.ollamaUrl())
        .modelName("stub-model")
        .timeout(timeout)
        .build();
  }

  static Answerer streaming(StreamingChatModel model, Duration stall) {
    return new Answerer(
        index,
        SharedRanker.get(),
        OpenAiChatModel.builder()
            .baseUrl(stub.openAiUrl())
            .apiKey("sk-test-secret-key")
            .modelName("stub-model")
            .timeout(Duration.ofSeconds(10))
            .maxRetries(0)
            .build(),
        model,
        prompts,
        stall);
  }

  @Test
  void theStreamedAnswerIsTheCheckedAnswerOfTheSameReply() {
    Answerer answerer = streaming(openAi(), Duration.ofSeconds(10));
    Answer whole = answerer.answer(QUESTION);
    stub.tokenMillis = 40; // about a second and a half: the draft is checked every quarter second
    assertThat(stub.requests.getLast().path("stream").asBoolean()).isFalse();
    List<String> drafts = new CopyOnWriteArrayList<>();
    Answer streamed = answerer.answer(QUESTION, drafts::add);

    assertThat(stub.requests.getLast().path("stream").asBoolean()).isTrue();
    assertThat(stub.message("user"))
        .isEqualTo(
            stub.requests
                .get(stub.requests.size() - 2)
                .get("messages")
                .get(1)
                .get("content")
                .asText());
    assertThat(streamed).isEqualTo(whole).isNotEqualTo(extractive);
    assertThat(streamed.text())
        .isEqualTo(
            "No, the US is not looking for a wider war [1]. It also vowed to protect Israel [2]."
                + " They are not looking for a wider war with Iran [1].");
    assertThat(drafts.getFirst()).isEmpty();
    assertThat(drafts).allSatisfy(d -> assertThat(streamed.text()).startsWith(d));
    assertThat(drafts).noneMatch(d -> d.contains("surrendered") || d.contains("[9]"));
    // it grew while the model wrote, before the answer was complete
    assertThat(drafts).anyMatch(d -> !d.isEmpty() && d.length() < streamed.text().length());
  }

  @Test
  void ollamaStreamsTheSameWay() {
    stub.tokenMillis = 40;
    StreamingChatModel ollama = ollama();
    List<String> drafts = new CopyOnWriteArrayList<>();
    Answer a = streaming(ollama, Duration.ofSeconds(10)).answer(QUESTION, drafts::add);
    assertThat(stub.requests.getLast().path("stream").asBoolean()).isTrue();
    assertThat(a.text()).startsWith("No, the US is not looking for a wider war [1].");
    assertThat(a.citations()).hasSize(2);
    assertThat(drafts).contains("No, the US is not looking for a wider war [1].");
  }

  @Test
  void aStreamCutHalfWayEndsAsTheExtractiveAnswer() {
    stub.cutAfter = 20; // inside the third sentence: what came is valid, but not the whole reply
    stub.tokenMillis = 40;
    List<String> drafts = new CopyOnWriteArrayList<>();
    Answer a = streaming(openAi(), Duration.ofSeconds(10)).answer(QUESTION, drafts::add);
    assertThat(drafts).contains("No, the US is not looking for a wider war [1].");
    assertThat(a).isEqualTo(extractive);
  }

  @Test
  void anOllamaStreamCutHalfWayEndsAsTheExtractiveAnswer() {
    // LangChain4j's Ollama client reports nothing when the connection closes before "done":
    // the stall time ends it
    stub.cutAfter = 20;
    StreamingChatModel ollama = ollama();
    assertThat(streaming(ollama, Duration.ofSeconds(3)).answer(QUESTION, d -> {}))
        .isEqualTo(extractive);
  }

  @Test
  void aStalledStreamEndsAsTheExtractiveAnswer() {
    stub.stallAfter = 3;
    stub.stallMillis = STUB_STALL.toMillis();
    assertEndsExtractiveWithinTheStallTime(openAi(CLIENT_TIMEOUT));
  }

  @Test
  void aStalledOllamaStreamEndsAsTheExtractiveAnswer() {
    stub.stallAfter = 3;
    stub.stallMillis = STUB_STALL.toMillis();
    assertEndsExtractiveWithinTheStallTime(ollama(CLIENT_TIMEOUT));
  }

  @Test
  void aStreamStalledBeforeItsFirstTokenEndsAsTheExtractiveAnswer() {
    stub.stallAfter = 0;
    stub.stallMillis = STUB_STALL.toMillis();
    assertEndsExtractiveWithinTheStallTime(openAi(CLIENT_TIMEOUT));
    assertEndsExtractiveWithinTheStallTime(ollama(CLIENT_TIMEOUT));
  }

  @Test
  void aStreamGivenUpBeforeItsFirstTokenIsStoppedWhenTheTokenComes() throws Exception {
    for (StreamingChatModel model : List.of(openAi(), ollama())) {
      stub.stallAfter = 0;
      stub.stallMillis = 1_500; // then about 30 words, one every 50 ms
      stub.tokenMillis = 50;
      int before = stub.hungUp.get();
      assertThat(streaming(model, Duration.ofMillis(700)).answer(QUESTION, d -> {}))
          .isEqualTo(extractive);
      // Given up at 700 ms; at 1.5 s the first word comes and the client closes the stream, which
      // the stub finds writing the next words. Not stopped, the stream would run to its end.
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (stub.hungUp.get() == before && System.nanoTime() < end) Thread.sleep(50);
      assertThat(stub.hungUp.get())
          .as("%s", model.getClass().getSimpleName())
          .isEqualTo(before + 1);
    }
  }

  /** Longer than a stall test may take: were it what ended the stream, the test would fail. */
  static final Duration STUB_STALL = Duration.ofSeconds(30);

  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * With a stall time of 700 ms the answer is the extractive one, and comes long before the HTTP
   * client's own timeout or the end of the stub's stall could have ended the stream: the stall time
   * (STORYBOT_LLM_TIMEOUT) ended it.
   */
  private static void assertEndsExtractiveWithinTheStallTime(StreamingChatModel model) {
    Answerer answerer = streaming(model, Duration.ofMillis(700));
    long start = System.nanoTime();
    Answer a = answerer.answer(QUESTION, d -> {});
    assertThat(a).isEqualTo(extractive);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aModelThatFailsEndsAsTheExtractiveAnswer() {
    stub.status = 500;
    assertThat(streaming(openAi(), Duration.ofSeconds(10)).answer(QUESTION, d -> {}))
        .isEqualTo(extractive);
  }

  @Test
  void notFoundStreamsAnAbstentionAndShowsNothing() {
    stub.reply = "NOT_FOUND";
    List<String> drafts = new CopyOnWriteArrayList<>();
    Answer a = streaming(openAi(), Duration.ofSeconds(10)).answer(QUESTION, drafts::add);
    assertThat(a.abstained()).isTrue();
    assertThat(drafts).containsOnly("");
  }
}
