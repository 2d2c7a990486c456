package org.storybot.bot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.answer.Conversations;
import org.storybot.store.Database;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Telegram bot: takes the updates long polling fetches, decides which are addressed to it, and
 * answers them on a bounded pool it owns, in order within each chat. Each question is recorded in
 * the database before it is answered, so nothing is lost to a crash.
 */
public final class Bot implements LongPollingUpdateConsumer {
  /** How many questions a replica answers at once. */
  public static final int THREADS = 4;

  static final int QUEUE = 1000;

  /** The longest question answered; a longer message gets {@link #TOO_LONG}. */
  static final int MAX_QUESTION = 1000;

  static final String TOO_LONG =
      "That is a long message: please ask one question in under "
          + String.format("%,d", MAX_QUESTION)
          + " characters.";

  private static final Logger log = LoggerFactory.getLogger(Bot.class);
  private final TelegramClient client;
  private final Outgoing out;
  private final Replies replies;
  private final Conversations conversations;
  private final Questions questions;
  private final Flood flood;
  private final Flood inlineFlood;
  private final InlineAnswers inline;
  private final Clock clock;
  private final Secret secret;
  private final Metrics metrics;
  private final String username;
  private final long botId;
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          THREADS,
          THREADS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          new ThreadPoolExecutor.CallerRunsPolicy());
  private final Map<Long, CompletableFuture<Void>> chats = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledExecutorService janitor =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "storybot-question-janitor");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param me the bot's own user ({@code getMe}): its username and id
   */
  public Bot(
      TelegramClient client,
      Outgoing out,
      org.telegram.telegrambots.meta.api.objects.User me,
      Replies replies,
      Conversations conversations,
      Database db,
      int questionsPerMinute,
      Clock clock) {
    this.client = client;
    this.out = out;
    this.secret = out.secret();
    this.metrics = out.metrics();
    this.replies = replies;
    this.conversations = conversations;
    this.questions = new Questions(db);
    // Replicas sharing PostgreSQL count each user's questions there: one quota for the bot.
    this.flood = new Flood(questionsPerMinute, clock, db, "question");
    this.inlineFlood = new Flood(InlineAnswers.PER_MINUTE, clock, db, "inline");
    this.inline = new InlineAnswers(client, conversations, secret);
    this.clock = clock;
    this.username = me.getUserName() == null ? "" : me.getUserName();
    this.botId = me.getId();
  }

  /**
   * Answers the questions an earlier run recorded but never answered; on a shared database, also
   * from now on every {@link Questions#CLAIM} / 4 those a dead replica left.
   */
  public int resume() {
    questions.releaseClaimsOfEarlierRuns();
    int n = takeOver();
    if (n > 0) log.info("answering {} question(s) left from the last run", n);
    if (questions.shared()) {
      long every = Questions.CLAIM.toMillis() / 4;
      janitor.scheduleWithFixedDelay(this::takeOverQuietly, every, every, TimeUnit.MILLISECONDS);
    }
    return n;
  }

  private int takeOver() {
    List<Questions.Question> left = questions.takeUnanswered(botId, clock.instant());
    for (Questions.Question q : left) enqueue(q);
    return left.size();
  }

  private void takeOverQuietly() {
    try {
      int n = takeOver();
      if (n > 0) log.info("answering {} question(s) another replica left unanswered", n);
    } catch (RuntimeException e) {
      log.warn("cannot look for questions left unanswered: {}", secret.redact(e.getMessage()));
    }
  }

  @Override
  public void consume(List<Update> updates) {
    for (Update u : updates) {
      try {
        handle(u);
      } catch (RuntimeException e) {
        log.error("update {} failed: {}", u.getUpdateId(), secret.redact(String.valueOf(e)));
      }
    }
  }

  private void handle(Update u) {
    if (u.hasInlineQuery()) {
      InlineQuery query = u.getInlineQuery();
      long from = query.getFrom() == null ? 0 : query.getFrom().getId();
      // over the limit, an inline query is left unanswered: the next keystroke asks again
      if (inlineFlood.check(from) == Flood.Verdict.ALLOW && !pool.isShutdown()) {
        pool.execute(() -> inline.answer(query, from));
      }
      return;
    }
    Message m = u.getMessage();
    if (m == null) return; // edited messages, channel posts, membership changes: nothing to say
    boolean group = m.getChat().isGroupChat() || m.getChat().isSuperGroupChat();
    if (!group && !m.getChat().isUserChat()) return;
    if (!m.hasText()) {
      if (!group)
        send(m.getChatId(), "I read text only: send me your question in words.", m.getMessageId());
      return;
    }
    String text = group ? addressed(m) : m.getText();
    if (text == null) return;
    if (text.length() > MAX_QUESTION) {
      send(m.getChatId(), TOO_LONG, m.getMessageId());
      return;
    }
    long userId = m.getFrom() == null ? m.getChatId() : m.getFrom().getId();
    switch (flood.check(userId)) {
      case WARN -> {
        send(
            m.getChatId(),
            "You are asking faster than I can answer well: please wait a minute.",
            m.getMessageId());
        return;
      }
      case DROP -> {
        return;
      }
      case ALLOW -> {}
    }
    Questions.Question q =
        new Questions.Question(
            botId, u.getUpdateId(), m.getChatId(), m.getMessageId(), userId, group, text);
    // while stopping, a question is only recorded: the next run answers it
    if (!questions.record(q, clock.instant())) return; // delivered twice: answered once
    metrics.question();
    if (!pool.isShutdown()) enqueue(q);
  }

  /** The text of a group message addressed to the bot, without the mention; null otherwise. */
  String addressed(Message m) {
    String text = m.getText().strip();
    String mention = "@" + username;
    if (text.startsWith("/")) {
      String command = text.split("\\s+", 2)[0];
      int at = command.indexOf('@');
      return at < 0 || command.substring(at).equalsIgnoreCase(mention) ? text : null;
    }
    if (!username.isEmpty() && text.toLowerCase().contains(mention.toLowerCase())) {
      return text.replaceAll("(?i)" + java.util.regex.Pattern.quote(mention), " ").strip();
    }
    Message to = m.getReplyToMessage();
    if (to != null && to.getFrom() != null && to.getFrom().getId() == botId) return text;
    return null;
  }

  /** How often a question waiting for an earlier one of its chat (at another replica) looks. */
  static final Duration TURN = Duration.ofMillis(100);

  /**
   * The longest a question waits for an earlier one of its chat: long enough for a replica that
   * died holding it to lose its claim, and another to take it over (it looks every quarter of a
   * claim) and answer it.
   */
  static final Duration LONGEST_TURN = Questions.CLAIM.plusMinutes(2);

  private void enqueue(Questions.Question q) {
    enqueue(q, clock.instant());
  }

  /**
   * Answers {@code q} after the questions of its chat before it here; waiting since {@code since}.
   */
  private void enqueue(Questions.Question q, java.time.Instant since) {
    chats.compute(
        q.chatId(),
        (id, tail) ->
            (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .thenRunAsync(() -> answerInTurn(q, since), pool)
                .exceptionally(
                    e -> {
                      log.error(
                          "update {} failed: {}", q.updateId(), secret.redact(String.valueOf(e)));
                      return null;
                    }));
  }

  /**
   * On a shared database, a question whose chat has an earlier one unanswered (held by another
   * replica) waits its turn: it looks again every {@link #TURN} without holding a thread, for at
   * most {@link #LONGEST_TURN}.
   */
  private void answerInTurn(Questions.Question q, java.time.Instant since) {
    if (questions.shared()) {
      java.time.Instant now = clock.instant();
      boolean waiting = now.isBefore(since.plus(LONGEST_TURN));
      if (waiting && questions.hasEarlierUnanswered(q, now.minus(LONGEST_TURN))) {
        if (!janitor.isShutdown()) {
          janitor.schedule(() -> enqueue(q, since), TURN.toMillis(), TimeUnit.MILLISECONDS);
        }
        return; // if stopping: left unanswered and claimed, so another replica answers it
      }
      if (!waiting) {
        log.warn(
            "chat {}: an earlier question is still unanswered; answering the next", q.chatId());
      }
    }
    // Claimed by this run still (or by nobody)? A claim that ran out while the question waited
    // here may have been taken over: then the replica that took it answers it, not this one.
    if (!questions.take(q, clock.instant())) {
      log.info(
          "chat {}: message {} was answered or taken over elsewhere", q.chatId(), q.messageId());
      return;
    }
    answer(q);
  }

  private void answer(Questions.Question q) {
    long start = System.nanoTime();
    try {
      typing(q.chatId());
      boolean admin =
          q.group()
              && isCommand(q.text(), "/subscribe", "/unsubscribe")
              && isAdmin(q.chatId(), q.userId());
      LiveReply live = new LiveReply(out, q.chatId(), q.messageId());
      List<String> parts =
          replies.to(
              new Replies.Incoming(q.chatId(), q.userId(), q.group(), admin, q.text()), live);
      if (live.started()) {
        live.finish(parts);
      } else {
        for (int i = 0; i < parts.size(); i++) {
          out.reply(q.chatId(), parts.get(i), i == 0 ? q.messageId() : null);
        }
      }
      questions.answered(q, clock.instant());
      metrics.latency(Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // left unanswered: the next run answers it
    }
  }

  private static boolean isCommand(String text, String... commands) {
    String first = text.strip().split("[\\s@]", 2)[0].toLowerCase();
    for (String c : commands) if (first.equals(c)) return true;
    return false;
  }

  private boolean isAdmin(long chatId, long userId) {
    try {
      String status =
          client
              .execute(
                  GetChatMember.builder().chatId(String.valueOf(chatId)).userId(userId).build())
              .getStatus();
      return status.equals("creator") || status.equals("administrator");
    } catch (TelegramApiException e) {
      log.warn("chat {}: cannot check admin rights: {}", chatId, secret.redact(e.getMessage()));
      return false;
    }
  }

  private void typing(long chatId) {
    try {
      client.execute(
          SendChatAction.builder().chatId(String.valueOf(chatId)).action("typing").build());
    } catch (TelegramApiException e) {
      log.debug("chat {}: typing action failed", chatId);
    }
  }

  private void send(long chatId, String text, Integer replyTo) {
    if (pool.isShutdown()) return;
    pool.execute(
        () -> {
          try {
            out.reply(chatId, Html.escape(text), replyTo);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Lets answers in flight finish (up to {@code grace}), then stops. */
  public void close(Duration grace) {
    janitor.shutdownNow();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) pool.shutdownNow();
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(20));
  }

  @Override
  public String toString() {
    return "Bot[@" + username + "]";
  }
}
