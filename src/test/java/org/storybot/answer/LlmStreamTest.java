package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LlmStream} with a hand-written model that hands over all its tokens at once. */
class LlmStreamTest {
  static final List<String> TOKENS =
      List.of("Austin called ", "Gallant [3]. ", "The war is over. ", "Kirby said no war [1].");
  static final Prompts PROMPTS = Prompts.load(Path.of("prompts"));

  /** A model that has written everything by the time {@code chat} returns. */
  static StreamingChatModel model(FinishReason finish) {
    return new StreamingChatModel() {
      @Override
      public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        TOKENS.forEach(handler::onPartialResponse);
        handler.onCompleteResponse(
            ChatResponse.builder()
                .aiMessage(AiMessage.from(String.join("", TOKENS)))
                .finishReason(finish)
                .build());
      }
    };
  }

  @Test
  void theAnswerIsTheCheckOfTheWholeReplyEvenWhenShowingADraftTookLongerThanTheStallTime() {
    List<String> shown = new ArrayList<>();
    LlmStream stream = new LlmStream(model(FinishReason.STOP), PROMPTS, Duration.ofMillis(20));
    Answer a =
        stream.answer(
            "q",
            LlmAnswersTest.SOURCES,
            text -> {
              shown.add(text);
              // a send waiting for its turn: the tokens that came meanwhile are no stall
              if (shown.size() == 2) sleep(Duration.ofMillis(200));
            });
    assertThat(a).isEqualTo(LlmAnswers.check("q", String.join("", TOKENS), LlmAnswersTest.SOURCES));
    assertThat(shown.getFirst()).isEmpty();
  }

  @Test
  void aStreamEndedWithoutAFinishReasonIsRefused() {
    LlmStream stream = new LlmStream(model(null), PROMPTS, Duration.ofSeconds(5));
    assertThatThrownBy(() -> stream.answer("q", LlmAnswersTest.SOURCES, text -> {}))
        .isInstanceOf(LlmAnswers.LlmReplyException.class)
        .hasMessageContaining("before the model finished");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
