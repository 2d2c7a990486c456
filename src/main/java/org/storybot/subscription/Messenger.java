package org.storybot.subscription;

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
}
