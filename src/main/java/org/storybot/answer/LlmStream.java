package org.storybot.answer;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.storybot.answer.LlmAnswers.LlmReplyException;
import org.storybot.index.IndexedSentence;

/**
 * An LLM answer streamed as the model writes it. The caller's thread waits for the tokens, shows
 * the checked text of the sentences finished so far ({@link LlmAnswers#draft}), and when the model
 * is done runs on the whole reply the same check as a non-streamed answer. A stream that fails, is
 * cut before the model says it is done, or stalls (no token for {@code stall}) throws {@link
 * LlmReplyException}, and the caller answers extractively.
 *
 * <p>Thread-safe: each call has its own queue; LangChain4j's thread only puts events on it.
 */
final class LlmStream {
  /**
   * How often the draft is checked again while tokens come, and {@link Drafts#show} called at least
   * while the model is slow to write.
   */
  static final Duration TICK = Duration.ofMillis(250);

  private final StreamingChatModel model;
  private final Prompts prompts;
  private final Duration stall;

  LlmStream(StreamingChatModel model, Prompts prompts, Duration stall) {
    if (stall.isNegative() || stall.isZero())
      throw new IllegalArgumentException("stall must be positive: " + stall);
    this.model = model;
    this.prompts = prompts;
    this.stall = stall;
  }

  /**
   * Asks the model for an answer from {@code sources}, showing drafts as it writes, and returns the
   * checked answer.
   *
   * @throws LlmReplyException when the stream fails, is cut, stalls, or the reply is empty
   */
  Answer answer(String question, List<IndexedSentence> sources, Drafts drafts) {
    Events events = new Events();
    model.chat(LlmAnswers.messages(prompts, question, sources), events);
    drafts.show("");
    StringBuilder text = new StringBuilder();
    String shown = "";
    boolean fresh = false; // tokens came since the draft was last checked
    long checkedAt = System.nanoTime() - TICK.toNanos();
    long deadline = System.nanoTime() + stall.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        // tokens that came while drafts.show was busy (a send waiting for its turn) are no stall
        Event e = events.queue.poll(Math.clamp(left, 0, TICK.toNanos()), TimeUnit.NANOSECONDS);
        if (e == null && System.nanoTime() - deadline >= 0) {
          events.cancel();
          throw new LlmReplyException("the model sent nothing for " + stall);
        }
        switch (e) {
          case null -> {}
          case Token t -> {
            text.append(t.text());
            deadline = System.nanoTime() + stall.toNanos();
            fresh = true;
          }
          case Done d -> {
            return LlmAnswers.check(question, reply(d.response(), text), sources);
          }
          case Failed f ->
              throw new LlmReplyException(
                  "the stream failed (" + f.error().getClass().getSimpleName() + ")");
        }
        // checking the whole text so far on every token would cost the square of its length
        if (fresh && System.nanoTime() - checkedAt >= TICK.toNanos()) {
          shown = LlmAnswers.draft(question, text.toString(), sources);
          checkedAt = System.nanoTime();
          fresh = false;
        }
        drafts.show(shown);
      }
    } catch (InterruptedException e) {
      events.cancel();
      Thread.currentThread().interrupt();
      throw new LlmReplyException("interrupted while the model was writing");
    }
  }

  /**
   * The whole reply of a finished stream. A stream the server ended without saying why (no finish
   * reason: the connection closed half way) is refused, so a cut answer is never taken for a whole
   * one.
   */
  private static String reply(ChatResponse response, StringBuilder tokens) {
    if (response == null || response.finishReason() == null)
      throw new LlmReplyException("the stream ended before the model finished");
    String whole = response.aiMessage() == null ? null : response.aiMessage().text();
    String reply = whole == null || whole.isBlank() ? tokens.toString() : whole;
    if (reply.isBlank()) throw new LlmReplyException("the model sent an empty reply");
    return reply;
  }

  private sealed interface Event permits Token, Done, Failed {}

  private record Token(String text) implements Event {}

  private record Done(ChatResponse response) implements Event {}

  private record Failed(Throwable error) implements Event {}

  /** What LangChain4j's thread reports, queued for the waiting caller. */
  private static final class Events implements StreamingChatResponseHandler {
    final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    private volatile boolean abandoned; // the caller stopped waiting: answered without the model

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      handle.compareAndSet(null, context.streamingHandle());
      if (abandoned) {
        cancel(); // given up before its first token: stopped as soon as it can be
        return;
      }
      onPartialResponse(partial.text());
    }

    @Override
    public void onPartialResponse(String text) {
      if (text != null && !text.isEmpty()) queue.add(new Token(text));
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      queue.add(new Done(response));
    }

    @Override
    public void onError(Throwable error) {
      queue.add(new Failed(error));
    }

    /**
     * Stops the stream. LangChain4j hands out the means to stop it only with the first token, so a
     * stream given up before that is stopped when its first token comes.
     */
    void cancel() {
      abandoned = true;
      StreamingHandle h = handle.get();
      if (h != null && !h.isCancelled()) h.cancel();
    }
  }
}
