package org.storybot.subscription;

import java.time.Duration;
import java.util.Objects;

/**
 * Sends one message to one Telegram chat. The bot implements it over the Bot API, applying
 * Telegram's rate limits (so {@link #send} may block) and retrying transient failures.
 */
public interface Messenger {
  /**
   * Sends {@code html} (Telegram HTML parse mode) to {@code chatId}.
   *
   * @throws ChatGoneException when the chat blocked or removed the bot (HTTP 403): never retry
   * @throws DeliveryException when sending failed for now (after retries): try again later
   * @throws RetryAfterException when Telegram answered 429: nothing may be sent for {@link
   *     RetryAfterException#retryAfter()} (may also arrive as the cause of a DeliveryException)
   */
  void send(long chatId, String html);

  /** The chat blocked the bot, or the bot was removed from it. */
  final class ChatGoneException extends RuntimeException {
    public ChatGoneException(long chatId, String reason) {
      super("chat " + chatId + " is gone: " + reason);
    }
  }

  /** A transient failure: the message was not sent, and may be sent again later. */
  final class DeliveryException extends RuntimeException {
    public DeliveryException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Telegram said "too many requests" (HTTP 429): wait {@link #retryAfter()} before any send. */
  final class RetryAfterException extends RuntimeException {
    private final Duration retryAfter;

    public RetryAfterException(Duration retryAfter) {
      super("rate limited by Telegram: retry after " + retryAfter.toSeconds() + " s");
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
