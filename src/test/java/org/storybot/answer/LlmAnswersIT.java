package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Articles;
import org.storybot.index.IndexedSentence;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

/** The real LangChain4j clients over HTTP against OpenAI-compatible and Ollama stubs. */
class LlmAnswersIT {
  static final String QUESTION = "Is the US looking for a war with Iran?";
  static StoryIndex index;
  static LlmStub stub;
  static Prompts prompts = Prompts.load(Path.of("prompts"));

  @BeforeAll
  static void setUp() throws Exception {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    stub = new LlmStub();
  }

  @AfterAll
  static void tearDown() {
    stub.close();
    index.close();
  }

  @BeforeEach
  void reset() {
    stub.reply = "NOT_FOUND";
    stub.status = 200;
    stub.delayMillis = 0;
  }

  static ChatModel openAi(Duration timeout) {
    return OpenAiChatModel.builder()
        .baseUrl(stub.openAiUrl())
        .apiKey("sk-test-secret-key")
        .modelName("stub-model")
        .timeout(timeout)
        .maxRetries(0)
        .build();
  }

  @Test
  void sendsTheQuestionAndEveryNumberedSourceFencedAndChecksTheReply() {
    stub.reply =
        "No, the US is not looking for a wider war [1]. Iran surrendered yesterday. It also vowed"
            + " to protect Israel [9][2].";
    Answer a =
        new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
            .answer(QUESTION);

    var request = stub.requests.getLast();
    assertThat(request.get("model").asText()).isEqualTo("stub-model");
    assertThat(stub.message("system")).isEqualTo(prompts.answerSystem());
    String user = stub.message("user");
    assertThat(user).contains("Question: " + QUESTION, "<sources>", "</sources>");
    for (int n = 1; n <= LlmAnswers.SOURCES; n++) assertThat(user).contains("[" + n + "] ");

    assertThat(a.abstained()).isFalse();
    assertThat(a.text())
        .doesNotContain("surrendered", "[9]")
        .startsWith("No, the US is not looking for a wider war [1].")
        .contains("to protect Israel [2].");
    assertThat(a.citations()).hasSize(2);
    for (Citation c : a.citations()) {
      assertThat(user).contains(c.sentence().replaceAll("\\s+", " "));
      assertThat(index.sentences(c.articleId())).anyMatch(s -> s.text().equals(c.sentence()));
    }
  }

  @Test
  void aMessageAskingTwoThingsGivesTheModelTheSentencesForEach() {
    stub.reply = "Kirby is the White House spokesperson [1].";
    Answer a =
        new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
            .answer("Who are Kirby and Austin? How tall is the Eiffel Tower?");
    String user = stub.message("user");
    assertThat(user)
        .contains("Question: Who are Kirby and Austin? How tall is the Eiffel Tower?")
        .contains("White House spokesperson John Kirby", "US Defense Secretary Lloyd Austin");
    assertThat(a.abstained()).isFalse();
    assertThat(a.text())
        .startsWith("Kirby is the White House spokesperson [1].")
        .contains("don't answer \u201cHow tall is the Eiffel Tower?\u201d");
  }

  @Test
  void aMessageAskingTwoThingsGivesTheModelTheBestOfEachAsManyAsOneQuestionGets() {
    stub.reply = "Austin is the US Defense Secretary [1]."; // what the model says is not read
    new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
        .answer("Who is Austin? What did Biden promise Israel?");
    String user = stub.message("user");
    assertThat(user)
        .contains("[1] Another official revealed that US Defense Secretary Lloyd Austin")
        .contains("ironclad")
        .contains("[" + LlmAnswers.SOURCES + "] ")
        .doesNotContain("[" + (LlmAnswers.SOURCES + 1) + "] ");
  }

  @Test
  void notFoundBecomesAnAbstention() {
    stub.reply = "NOT_FOUND";
    Answer a =
        new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
            .answer(QUESTION);
    assertThat(a.abstained()).isTrue();
    assertThat(a.citations()).isEmpty();
  }

  @Test
  void aReplyWithNoValidCitationAbstains() {
    int beyond = LlmAnswers.SOURCES + 1;
    stub.reply = "The US wants peace [" + beyond + "] [12]. Everyone agrees.";
    Answer a =
        new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
            .answer("What did Kirby say?");
    assertThat(a.abstained()).isTrue();
  }

  @Test
  void aServerErrorOrATimeoutFallsBackToTheExtractiveAnswer() {
    Answer extractive = new Answerer(index, SharedRanker.get()).answer(QUESTION);
    stub.status = 500;
    assertThat(
            new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts)
                .answer(QUESTION))
        .isEqualTo(extractive);
    stub.status = 200;
    stub.delayMillis = 3000;
    assertThat(
            new Answerer(index, SharedRanker.get(), openAi(Duration.ofMillis(300)), prompts)
                .answer(QUESTION))
        .isEqualTo(extractive);
  }

  @Test
  void ollamaWorksTheSameWay() {
    stub.reply = "The US does not want a war with Iran [2].";
    ChatModel ollama =
        OllamaChatModel.builder()
            .baseUrl(stub.ollamaUrl())
            .modelName("stub-model")
            .timeout(Duration.ofSeconds(10))
            .maxRetries(0)
            .build();
    Answer a = new Answerer(index, SharedRanker.get(), ollama, prompts).answer(QUESTION);
    assertThat(stub.requests.getLast().get("model").asText()).isEqualTo("stub-model");
    assertThat(a.text()).isEqualTo("The US does not want a war with Iran [1].");
    assertThat(a.citations()).hasSize(1);
  }

  @Test
  void aFollowUpIsRewrittenByTheModelBeforeRetrieval() {
    Conversations chat =
        new Conversations(
            new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts), 4);
    stub.reply = "NOT_FOUND";
    chat.ask(7, "What did Kirby tell NBC?");
    stub.reply = "What else did John Kirby say about Iran?";
    Answer a = chat.ask(7, "what else did he say?");
    assertThat(stub.requests.get(stub.requests.size() - 2).toString())
        .contains("What did Kirby tell NBC?", "what else did he say?");
    assertThat(a.question()).isEqualTo("What else did John Kirby say about Iran?");
  }

  @Test
  void anEditedPromptFileTakesEffect(@TempDir Path dir) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("prompts"))) {
      for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
    }
    Files.writeString(
        dir.resolve("answer-system.txt"),
        "Answer like a wire reporter.\n",
        java.nio.file.StandardOpenOption.APPEND);
    new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), Prompts.load(dir))
        .answer(QUESTION);
    assertThat(stub.message("system")).endsWith("Answer like a wire reporter.\n");
  }

  @Test
  void aDigestIsWrittenFromTheNewSentencesWithEveryCitationChecked() {
    var facts =
        List.of(
            new IndexedSentence(
                "new",
                1,
                0,
                null,
                "The war cabinet met again on Monday.",
                "Cabinet <meets>",
                null,
                null),
            new IndexedSentence(
                "new",
                4,
                1,
                null,
                "G7 ministers said they stood ready.",
                "Cabinet <meets>",
                null,
                null));
    stub.reply = "The cabinet met again [1]. Oil fell sharply [9]. The G7 stands ready [2].";
    Answerer answerer =
        new Answerer(index, SharedRanker.get(), openAi(Duration.ofSeconds(10)), prompts);
    Answer digest = answerer.digest("Cabinet <meets>", facts).orElseThrow();
    assertThat(stub.message("user"))
        .contains("\"Cabinet ‹meets›\"")
        .contains("[1] The war cabinet met again on Monday.")
        .contains("[2] G7 ministers said they stood ready.");
    assertThat(digest.text()).isEqualTo("The cabinet met again [1]. The G7 stands ready [2].");
    assertThat(digest.citations()).extracting(Citation::ordinal).containsExactly(1, 4);

    stub.reply = "NOT_FOUND";
    assertThat(answerer.digest("Cabinet <meets>", facts)).isEmpty();
    stub.status = 500;
    assertThat(answerer.digest("Cabinet <meets>", facts)).isEmpty();
    assertThat(new Answerer(index, SharedRanker.get()).digest("Cabinet <meets>", facts)).isEmpty();
  }
}
