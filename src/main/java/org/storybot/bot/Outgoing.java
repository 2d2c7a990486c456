package org.storybot.bot;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.subscription.Messenger;
import org.storybot.subscription.SendBudget;
import org.storybot.subscription.SendLimits;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends HTML messages, and the edits of streamed answers (an edit counts as a message), within
 * Telegram's limits as the process's {@link SendLimits} counts them (shared with the subscription
 * digests, so that together they keep to 30 a second overall, one a second to a chat, 20 a minute
 * to a group). A 429 pauses every send of the process for its {@code retry_after}, then sends
 * again; network errors and 5xx are retried with backoff; a 403 (blocked, kicked) is logged once
 * per chat and not retried. Thread-safe. Also the {@link Messenger} that delivers subscription
 * digests.
 */
public final class Outgoing implements Messenger {
  static final int ATTEMPTS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private static final Logger log = LoggerFactory.getLogger(Outgoing.class);
  private final Metrics metrics;
  private final TelegramClient client;
  private final Secret secret;
  private final SendLimits limits; // the process's count, shared with the digests' sender
  private final Set<Long> gone = ConcurrentHashMap.newKeySet();
  private final SendBudget budget; // null unless replicas share the database

  /**
   * @param token the bot token, only to keep it out of log lines
   * @param limits the process's count of Telegram's limits, shared with every other sender
   */
  public Outgoing(TelegramClient client, String token, Metrics metrics, SendLimits limits) {
    this(client, token, metrics, limits, null);
  }

  /**
   * As above; with {@code budget} (replicas sharing PostgreSQL), each answer also takes its chat's
   * slot and an overall slot there, so the limits hold for the bot as a whole.
   */
  public Outgoing(
      TelegramClient client, String token, Metrics metrics, SendLimits limits, SendBudget budget) {
    this.budget = budget;
    this.metrics = metrics;
    this.client = client;
    this.limits = limits;
    this.secret = new Secret(token);
  }

  Secret secret() {
    return secret;
  }

  Metrics metrics() {
    return metrics;
  }

  /**
   * Sends {@code html} to the chat, as a reply to {@code replyTo} when it is not null; retries as
   * described above.
   *
   * @return whether it was sent
   */
  boolean reply(long chatId, String html, Integer replyTo) throws InterruptedException {
    return deliver(chatId, message(chatId, html, replyTo)) != null;
  }

  /**
   * Sends the plain {@code text} a streamed answer starts as (retried as {@link #reply}).
   *
   * @return its message id, to edit; null when it could not be sent
   */
  Integer placeholder(long chatId, String text, Integer replyTo) throws InterruptedException {
    SendMessage m = message(chatId, text, replyTo);
    m.setParseMode(null);
    Message sent = deliver(chatId, m);
    return sent == null ? null : sent.getMessageId();
  }

  /**
   * Replaces the text of message {@code messageId} by {@code html}: the final edit of a streamed
   * answer, kept to the limits and retried as {@link #reply} (a 429 is waited out).
   *
   * @return whether it was edited
   */
  boolean edit(long chatId, int messageId, String html) throws InterruptedException {
    return deliver(chatId, edit(chatId, messageId, html, "HTML")) != null;
  }

  /**
   * An intermediate edit of a streamed answer, plain {@code text}: made only when the limits allow
   * it right now with room to spare for real messages ({@link SendLimits#tryAcquireSpare}: a third
   * of the overall count, half a group's minute; with a shared budget, also only when no replica's
   * message waits for a slot), never waited for and never retried. A 429 pauses every send for its
   * {@code retry_after}, so the edits in that time are skipped, not queued: the next one shows the
   * newest text.
   *
   * @return whether it was made
   */
  boolean tryEdit(long chatId, int messageId, String text) {
    if (!limits.tryAcquireSpare(chatId)) return false;
    if (budget != null && !budget.tryNow(chatId)) return false; // another replica's turn
    try {
      client.execute(edit(chatId, messageId, text, null));
      return true;
    } catch (TelegramApiRequestException e) {
      Integer code = e.getErrorCode();
      metrics.telegramError(code);
      if (code != null && code == 429) {
        Duration wait = retryAfter(e);
        log.warn("chat {}: rate limited, skipping drafts for {} s", chatId, wait.toSeconds());
        limits.pause(wait);
      } else {
        log.debug("chat {}: a draft edit failed: {}", chatId, secret.redact(e.getMessage()));
      }
      return false;
    } catch (TelegramApiException e) {
      log.debug("chat {}: a draft edit failed: {}", chatId, secret.redact(e.getMessage()));
      return false;
    }
  }

  /** Executes {@code method}, retrying as described above; its result, or null when it failed. */
  private <T extends Serializable> T deliver(long chatId, BotApiMethod<T> method)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        throttle(chatId);
        return client.execute(method);
      } catch (TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        metrics.telegramError(code);
        if (code != null && code == 429) {
          Duration wait = retryAfter(e);
          log.warn("chat {}: rate limited, sending again in {} s", chatId, wait.toSeconds());
          limits.pause(wait); // the next throttle waits it out, as every other send does
          if (budget != null) budget.pause(wait);
          attempt--; // a 429 is Telegram's order to wait, not a failed attempt
          continue;
        }
        if (code != null && code == 403) {
          if (gone.add(chatId)) log.warn("chat {}: the bot was blocked or removed", chatId);
          return null;
        }
        if (code != null && code >= 400 && code < 500) {
          log.warn(
              "chat {}: Telegram refused the message: {}", chatId, secret.redact(e.getMessage()));
          return null;
        }
        if (attempt == ATTEMPTS) return failed(chatId, e);
      } catch (TelegramApiException e) {
        if (attempt == ATTEMPTS) return failed(chatId, e);
      }
      Thread.sleep(backoff.toMillis());
      backoff = backoff.multipliedBy(2);
    }
  }

  /**
   * One attempt, for the subscription sender, which takes its slot of the limits (the same {@link
   * SendLimits}) and retries itself.
   */
  @Override
  public void send(long chatId, String html) {
    try {
      client.execute(message(chatId, html, null));
    } catch (TelegramApiRequestException e) {
      Integer code = e.getErrorCode();
      metrics.telegramError(code);
      if (code != null && code == 429) throw new RetryAfterException(retryAfter(e));
      if (code != null && code == 403) throw new ChatGoneException(chatId, "HTTP 403");
      throw new DeliveryException(
          "chat " + chatId + ": " + secret.redact(String.valueOf(e.getMessage())), null);
    } catch (TelegramApiException e) {
      throw new DeliveryException(
          "chat " + chatId + ": " + secret.redact(String.valueOf(e.getMessage())), null);
    }
  }

  private <T> T failed(long chatId, TelegramApiException e) {
    log.warn(
        "chat {}: giving up after {} attempts: {}",
        chatId,
        ATTEMPTS,
        secret.redact(e.getMessage()));
    return null;
  }

  private static Duration retryAfter(TelegramApiRequestException e) {
    Integer s = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
    return Duration.ofSeconds(s == null ? 1 : Math.max(1, s));
  }

  static SendMessage message(long chatId, String html, Integer replyTo) {
    SendMessage.SendMessageBuilder<?, ?> b =
        SendMessage.builder()
            .chatId(String.valueOf(chatId))
            .text(html)
            .parseMode("HTML")
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (replyTo != null) {
      b.replyParameters(
          ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
    }
    return b.build();
  }

  static EditMessageText edit(long chatId, int messageId, String text, String parseMode) {
    return EditMessageText.builder()
        .chatId(String.valueOf(chatId))
        .messageId(messageId)
        .text(text)
        .parseMode(parseMode)
        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
        .build();
  }

  /**
   * Waits until a message may go to {@code chatId} by this process's count, then, with a shared
   * budget, until it may by the bot's as a whole.
   */
  private void throttle(long chatId) throws InterruptedException {
    limits.acquire(chatId);
    if (budget == null) return;
    Duration wait;
    do {
      // Another replica may have sent to this chat: wait for it first, so that the overall slot
      // reserved next is rarely wasted.
      Duration chat = budget.chatWait(chatId);
      if (!chat.isZero()) Thread.sleep(chat.toMillis());
      wait = budget.reserveFor(chatId);
    } while (wait == null);
    if (!wait.isZero()) Thread.sleep(wait);
  }
}
