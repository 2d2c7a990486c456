package org.storybot.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.Conversations;
import org.storybot.answer.Drafts;
import org.storybot.answer.EmptyQuestionException;
import org.storybot.index.ArticleInfo;
import org.storybot.index.StoryIndex;
import org.storybot.subscription.Subscriptions;

/**
 * What Storybot says to a message: the commands and the answers, as Telegram HTML. The bot and
 * {@code storybot chat} share it, so the terminal conversation is the Telegram one.
 */
public final class Replies {
  /** One message addressed to the bot, already stripped of its mention. */
  public record Incoming(
      long chatId, long userId, boolean group, boolean groupAdmin, String text) {}

  static final List<String> EXAMPLES =
      List.of(
          "Is the US looking for a war with Iran?",
          "What did Biden tell Netanyahu?",
          "What did Austin ask Gallant?");

  static final String HELP =
      "Ask me anything about the story and I answer from the articles, citing the sentences I"
          + " use.\n\n/ask QUESTION \u2014 ask (in groups, or just write in a private chat)\n"
          + "/sources \u2014 the articles, newest first\n/latest \u2014 the newest article in brief\n"
          + "/subscribe [KEYWORDS] \u2014 get a cited digest of new articles\n"
          + "/unsubscribe \u2014 stop\n/subscriptions \u2014 what this chat follows\n"
          + "/new \u2014 start a new conversation\n/help \u2014 this message";

  private final Metrics metrics;
  private final StoryIndex index;
  private final Answerer answerer;
  private final Conversations conversations;
  private final Subscriptions subscriptions;
  private final Set<Long> admins;
  private final Function<String, String> add;

  /**
   * @param subscriptions null where there is no database (the terminal chat)
   * @param add adds an article from a URL and returns what to tell the admin
   */
  public Replies(
      StoryIndex index,
      Answerer answerer,
      Conversations conversations,
      Subscriptions subscriptions,
      Set<Long> admins,
      Function<String, String> add,
      Metrics metrics) {
    this.metrics = metrics;
    this.index = index;
    this.answerer = answerer;
    this.conversations = conversations;
    this.subscriptions = subscriptions;
    this.admins = Set.copyOf(admins);
    this.add = add;
  }

  /** The messages to send back (HTML), in order; empty when there is nothing to say. */
  public List<String> to(Incoming in) {
    return to(in, null);
  }

  /**
   * As {@link #to(Incoming)}, streaming an LLM's answer to a question into {@code drafts} while it
   * is written ({@code null}: not streamed). Only a question (a message, or {@code /ask}) streams;
   * {@code drafts} is never called for anything else.
   */
  public List<String> to(Incoming in, Drafts drafts) {
    String text = in.text().strip();
    if (!text.startsWith("/")) return ask(in, text, drafts);
    String command = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    int at = command.indexOf('@');
    if (at > 0) command = command.substring(0, at);
    String rest = text.contains(" ") ? text.substring(text.indexOf(' ') + 1).strip() : "";
    return switch (command) {
      case "/start" -> start(in, rest);
      case "/new" -> {
        conversations.reset(in.chatId());
        yield List.of("Starting afresh: ask me anything about the story.");
      }
      case "/help" -> List.of(Html.escape(HELP));
      case "/ask" ->
          rest.isEmpty()
              ? List.of(
                  "Ask a question after the command: /ask Is the US looking for a war with Iran?")
              : ask(in, rest, drafts);
      case "/sources" -> List.of(sources());
      case "/latest" -> latest();
      case "/subscribe", "/unsubscribe", "/subscriptions" -> subscription(in, command, rest);
      case "/add" -> List.of(add(in, rest));
      default ->
          in.group()
              ? List.of()
              : List.of("I don't know that command. Send /help to see what I can do.");
    };
  }

  /** {@code html} as plain text for a terminal. */
  public static String plain(String html) {
    return Html.plain(html);
  }

  List<String> ask(Incoming in, String question, Drafts drafts) {
    try {
      Answer answer = conversations.ask(in.chatId(), question, drafts);
      metrics.answered(answer.abstained());
      return Html.answer(answer);
    } catch (EmptyQuestionException e) {
      return List.of(
          "Please ask a question in words, for example: " + Html.escape(EXAMPLES.get(0)));
    }
  }

  private List<String> start(Incoming in, String payload) {
    conversations.reset(in.chatId());
    List<ArticleInfo> articles = index.articles();
    String story = articles.isEmpty() ? "no articles yet" : articles.getLast().title();
    StringBuilder sb =
        new StringBuilder("<b>Storybot</b> answers questions about one news story: <i>");
    sb.append(Html.escape(story))
        .append("</i> (")
        .append(articles.size())
        .append(articles.size() == 1 ? " article" : " articles");
    sb.append(").\nEvery answer cites the sentences it rests on.\n\nTry:\n");
    for (String q : EXAMPLES) sb.append("/ask ").append(Html.escape(q)).append('\n');
    sb.append("\nSend /help for all commands.");
    List<String> out = new ArrayList<>(List.of(sb.toString()));
    String question = payload.replace('_', ' ').strip();
    if (!question.isEmpty() && question.codePoints().anyMatch(Character::isLetter))
      out.addAll(ask(in, question, null)); // after the welcome: not streamed ahead of it
    return out;
  }

  String sources() {
    List<ArticleInfo> articles = index.articles();
    if (articles.isEmpty()) return "No articles yet.";
    StringBuilder sb = new StringBuilder("<b>Articles</b>, newest first:\n");
    int n = 0;
    for (ArticleInfo a : articles) {
      if (++n > 30) {
        sb.append("\u2026 and ").append(articles.size() - 30).append(" more.");
        break;
      }
      sb.append("\u2022 ");
      if (a.url() != null && a.url().matches("https?://\\S+")) {
        sb.append("<a href=\"")
            .append(Html.escape(a.url()))
            .append("\">")
            .append(Html.escape(a.title()))
            .append("</a>");
      } else {
        sb.append(Html.escape(a.title()));
      }
      if (a.published() != null) sb.append(" (").append(Html.escape(a.published())).append(')');
      sb.append('\n');
    }
    return sb.toString().strip();
  }

  private List<String> latest() {
    List<ArticleInfo> articles = index.articles();
    if (articles.isEmpty()) return List.of("No articles yet.");
    return Html.answer(answerer.summarize(articles.getFirst().id(), 2));
  }

  private List<String> subscription(Incoming in, String command, String rest) {
    if (subscriptions == null)
      return List.of("Subscriptions need the bot: they are not available here.");
    if (in.group() && !in.groupAdmin()) {
      return List.of("Only the group's admins can change its subscriptions.");
    }
    String reply =
        switch (command) {
          case "/subscribe" -> subscriptions.subscribe(in.chatId(), in.group(), rest);
          case "/unsubscribe" -> subscriptions.unsubscribe(in.chatId());
          default -> subscriptions.describe(in.chatId());
        };
    return List.of(Html.escape(reply));
  }

  private String add(Incoming in, String url) {
    if (!admins.contains(in.userId()))
      return "Sorry, adding articles is for the bot's admins only.";
    if (url.isEmpty()) return "Send the article's address: /add https://example.com/news/article";
    return Html.escape(add.apply(url));
  }
}
