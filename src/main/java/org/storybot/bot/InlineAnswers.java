package org.storybot.bot;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.answer.Answer;
import org.storybot.answer.Conversations;
import org.storybot.answer.EmptyQuestionException;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Answers inline queries ({@code @bot question} typed in any chat): one result, the cited answer,
 * or a hint when the query has no words or the articles do not answer it. Each user asks as their
 * own conversation. The {@link Bot} decides which queries get here (at most {@link #PER_MINUTE} per
 * user) and on which thread.
 */
final class InlineAnswers {
  /** Inline queries answered per user and minute (Telegram sends one as the user types). */
  static final int PER_MINUTE = 30;

  private static final Logger log = LoggerFactory.getLogger(InlineAnswers.class);
  private final TelegramClient client;
  private final Conversations conversations;
  private final Secret secret;

  InlineAnswers(TelegramClient client, Conversations conversations, Secret secret) {
    this.client = client;
    this.conversations = conversations;
    this.secret = secret;
  }

  /**
   * Answers {@code query}, asked by user {@code from}, with one result; never throws for a failed
   * call (it is logged).
   */
  void answer(InlineQuery query, long from) {
    String q = query.getQuery() == null ? "" : query.getQuery().strip();
    InlineQueryResultArticle result;
    Answer a;
    try {
      a = conversations.ask(-from, q);
    } catch (EmptyQuestionException e) {
      a = null; // no words: the hint
    }
    if (a == null || a.abstained()) {
      String hint =
          a == null
              ? "Type a question about the story, e.g. " + Replies.EXAMPLES.get(0)
              : "The articles don't answer that. Try another question.";
      result = article("hint", "Ask about the story", hint, Html.escape(hint));
    } else {
      String html = Html.answer(a).getFirst();
      result = article("answer", Html.plain(a.text()), Html.plain(a.text()), html);
    }
    try {
      client.execute(
          AnswerInlineQuery.builder()
              .inlineQueryId(query.getId())
              .results(List.of(result))
              .cacheTime(30)
              // the answer follows this user's own conversation: never Telegram's to share
              .isPersonal(true)
              .build());
    } catch (TelegramApiException e) {
      log.warn("inline query {} failed: {}", query.getId(), secret.redact(e.getMessage()));
    }
  }

  private static InlineQueryResultArticle article(
      String id, String title, String description, String html) {
    return InlineQueryResultArticle.builder()
        .id(id)
        .title(title.length() > 60 ? title.substring(0, 59) + "\u2026" : title)
        .description(
            description.length() > 200 ? description.substring(0, 199) + "\u2026" : description)
        .inputMessageContent(
            InputTextMessageContent.builder().messageText(html).parseMode("HTML").build())
        .build();
  }
}
