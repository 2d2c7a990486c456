package org.storybot.bot;

import java.util.List;
import org.storybot.answer.Drafts;

/**
 * One answer streamed into Telegram: a placeholder sent as soon as the model is asked, edited with
 * the checked text so far whenever the limits allow (at most once a second per chat, within the
 * bot-wide budget, skipped rather than queued), and finally replaced by the checked answer with its
 * sources, further messages carrying what does not fit in one.
 *
 * <p>Not thread-safe: the thread answering the question owns it.
 */
final class LiveReply implements Drafts {
  /** What the placeholder says until the first checked sentence arrives. */
  static final String PLACEHOLDER = "Reading the articles and writing an answer\u2026";

  /** Marks a draft: the answer is still being written. */
  static final String STILL_WRITING = " \u2026";

  private final Outgoing out;
  private final long chatId;
  private final Integer replyTo;
  private Integer messageId;
  private boolean started;
  private String shown = "";

  LiveReply(Outgoing out, long chatId, Integer replyTo) {
    this.out = out;
    this.chatId = chatId;
    this.replyTo = replyTo;
  }

  @Override
  public void show(String checkedSoFar) {
    if (!started) {
      started = true;
      try {
        messageId = out.placeholder(chatId, PLACEHOLDER, replyTo);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the answer then goes out as new messages, if at all
      }
      return;
    }
    if (messageId == null || checkedSoFar.isEmpty() || checkedSoFar.equals(shown)) return;
    if (out.tryEdit(chatId, messageId, draft(checkedSoFar))) shown = checkedSoFar;
  }

  /** Whether the answer streamed (a placeholder was sent, or tried). */
  boolean started() {
    return started;
  }

  /**
   * Replaces the placeholder by the first of {@code html} and sends the others after it; when the
   * placeholder is gone (never sent, deleted), sends them all as new messages.
   */
  void finish(List<String> html) throws InterruptedException {
    for (int i = 0; i < html.size(); i++) {
      boolean edited = i == 0 && messageId != null && out.edit(chatId, messageId, html.get(0));
      if (!edited) out.reply(chatId, html.get(i), i == 0 ? replyTo : null);
    }
  }

  /** The plain draft as Telegram shows it: cut to a message's length, marked as unfinished. */
  static String draft(String checkedSoFar) {
    String text = Html.CONTROL.matcher(checkedSoFar).replaceAll("");
    int room = Html.LIMIT - STILL_WRITING.length();
    if (text.length() > room) {
      int at = text.lastIndexOf(' ', room);
      text = text.substring(0, at > 0 ? at : room);
    }
    return text + STILL_WRITING;
  }
}
