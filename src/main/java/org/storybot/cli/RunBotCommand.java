package org.storybot.cli;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.answer.Conversations;
import org.storybot.article.Articles;
import org.storybot.bot.Bot;
import org.storybot.bot.Metrics;
import org.storybot.bot.Outgoing;
import org.storybot.bot.Replies;
import org.storybot.bot.Webhook;
import org.storybot.index.ArticleInfo;
import org.storybot.index.StoryIndex;
import org.storybot.ingest.FetchPolicy;
import org.storybot.ingest.Fetcher;
import org.storybot.ingest.IngestReport;
import org.storybot.ingest.Ingester;
import org.storybot.ingest.Watcher;
import org.storybot.store.Database;
import org.storybot.subscription.SendBudget;
import org.storybot.subscription.SendLimits;
import org.storybot.subscription.Subscriptions;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code storybot bot}: runs the Telegram bot until Ctrl-C or SIGTERM. */
@Command(
    name = "bot",
    mixinStandardHelpOptions = true,
    description = "Run the Telegram bot (needs TELEGRAM_BOT_TOKEN).")
final class RunBotCommand implements java.util.concurrent.Callable<Integer> {
  static final Pattern TOKEN = Pattern.compile("\\d{3,15}:[A-Za-z0-9_-]{20,60}");
  static final List<Entry> COMMANDS =
      List.of(
          new Entry("ask", "Ask a question about the story"),
          new Entry("sources", "The articles, newest first"),
          new Entry("latest", "The newest article in brief"),
          new Entry("subscribe", "Get a cited digest of new articles"),
          new Entry("unsubscribe", "Stop the digests"),
          new Entry("subscriptions", "What this chat follows"),
          new Entry("new", "Start a new conversation"),
          new Entry("help", "What I can do"));

  record Entry(String command, String description) {}

  private static final Logger log = LoggerFactory.getLogger(RunBotCommand.class);

  @Mixin Corpus corpus;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Storybot storybot = new Storybot(corpus.config(), log::warn);
    Running running;
    try {
      running = start(storybot, Clock.systemUTC());
    } catch (RuntimeException e) {
      storybot.close();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: finishing the answers in flight");
                  running.close();
                  storybot.close();
                  stopped.countDown();
                },
                "storybot-shutdown"));
    log.info("{} is running; Ctrl-C stops it", running.bot());
    stopped.await();
    return Main.OK;
  }

  /** Starts everything the bot needs; closing the result stops it all in order. */
  static Running start(Storybot storybot, Clock clock) {
    Config config = storybot.config();
    String token = token(config);
    TelegramUrl url = url(config.telegramApiUrl());
    OkHttpTelegramClient client = new OkHttpTelegramClient(token, url);
    User me = getMe(client);
    try {
      client.execute(
          SetMyCommands.builder()
              .commands(
                  COMMANDS.stream()
                      .map(
                          e ->
                              new org.telegram.telegrambots.meta.api.objects.commands.BotCommand(
                                  e.command(), e.description()))
                      .toList())
              .build());
    } catch (TelegramApiException e) {
      log.warn("could not set the command menu: {}", redact(e.getMessage(), token));
    }
    StoryIndex index = storybot.index();
    Database db = storybot.openDatabase();
    Metrics metrics = new Metrics();
    // One count of Telegram's send limits for everything this process sends: answers, their
    // drafts and the digests. Replicas sharing PostgreSQL also share the limits through it.
    SendLimits limits = new SendLimits(clock, Thread::sleep);
    Outgoing out =
        new Outgoing(client, token, metrics, limits, db.shared() ? new SendBudget(db) : null);
    Subscriptions subscriptions =
        new Subscriptions(db, index, out, storybot.digestWriter(), limits, clock, Thread::sleep);
    Fetcher fetcher =
        new Fetcher(FetchPolicy.defaults().withAllowPrivate(config.allowPrivateUrls()));
    Ingester ingester =
        new Ingester(index, config.articles(), fetcher, clock, subscriptions::onNewArticle, db);
    Watcher watcher =
        new Watcher(ingester, fetcher, db, config.feeds(), config.feedInterval(), clock);
    Conversations conversations = storybot.conversations(db);
    Replies replies =
        new Replies(
            index,
            storybot.answerer(),
            conversations,
            subscriptions,
            config.admins(),
            u -> describe(ingester.ingestUrl(u)),
            metrics);
    Bot bot =
        new Bot(client, out, me, replies, conversations, db, config.questionsPerMinute(), clock);
    metrics.gauge(
        "storybot.outbox.depth", "Notifications waiting to be sent", subscriptions::pending);
    bot.resume();
    // With replicas on a shared database: share this replica's articles, take in the others'.
    int in = ingester.catchUp();
    if (in > 0) log.info("{} article(s) came in from the shared table", in);
    // Usually none is missed: the articles are read again only when one is.
    Set<String> missed =
        subscriptions.unannounced(index.articles().stream().map(ArticleInfo::id).toList());
    if (!missed.isEmpty()) {
      subscriptions.announceMissed(
          Articles.readAll(config.articles()).articles().stream()
              .filter(a -> missed.contains(a.id()))
              .toList());
    }
    subscriptions.start();
    watcher.start();
    AutoCloseable updates =
        config.webhook() == null
            ? poll(token, url, bot)
            : webhook(client, config.webhook(), bot, db, index, metrics, token);
    return new Running(bot, updates, watcher, subscriptions, fetcher, db);
  }

  /** Long polling: {@code getUpdates} in a loop (TelegramBots deletes any webhook first). */
  private static AutoCloseable poll(String token, TelegramUrl url, Bot bot) {
    TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication();
    try {
      app.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(), bot);
    } catch (TelegramApiException e) {
      throw new ConfigException("cannot start polling Telegram: " + redact(e.getMessage(), token));
    }
    return () -> {
      app.unregisterBot(token);
      app.close();
    };
  }

  /**
   * Webhook mode: serves the webhook, then tells Telegram to post there ({@code setWebhook} with
   * the secret, pending updates kept).
   */
  private static AutoCloseable webhook(
      OkHttpTelegramClient client,
      Webhook.Settings settings,
      Bot bot,
      Database db,
      StoryIndex index,
      Metrics metrics,
      String token) {
    Webhook webhook;
    try {
      webhook =
          Webhook.start(
              settings,
              new Webhook.Target() {
                @Override
                public void accept(Update update) {
                  bot.consume(List.of(update));
                }

                @Override
                public String notReady() {
                  return readiness(db, index);
                }

                @Override
                public String metrics() {
                  return metrics.scrape();
                }
              });
    } catch (Webhook.WebhookException e) {
      throw new ConfigException("STORYBOT_WEBHOOK_LISTEN: " + e.getMessage());
    }
    try {
      client.execute(
          SetWebhook.builder()
              .url(settings.url().toString())
              .secretToken(settings.secret())
              .allowedUpdates(Webhook.ALLOWED_UPDATES)
              .dropPendingUpdates(false)
              .build());
    } catch (TelegramApiException e) {
      webhook.close();
      throw new ConfigException("cannot set the webhook: " + redact(e.getMessage(), token));
    }
    log.info("Telegram posts updates to {}", settings.url());
    return webhook;
  }

  /** Null when the database and the index answer, else what does not. */
  static String readiness(Database db, StoryIndex index) {
    try {
      db.read(c -> c.createStatement().execute("SELECT 1"));
    } catch (RuntimeException e) {
      return "database: " + e.getMessage();
    }
    try {
      index.sentenceCount();
    } catch (RuntimeException e) {
      return "index: " + e.getMessage();
    }
    return null;
  }

  /**
   * A running bot; {@link #close()} stops polling, lets answers in flight finish, then the rest.
   */
  record Running(
      Bot bot,
      AutoCloseable updates,
      Watcher watcher,
      Subscriptions subscriptions,
      Fetcher fetcher,
      Database db)
      implements AutoCloseable {
    @Override
    public void close() {
      close(Duration.ofSeconds(20));
    }

    /** Stops, giving answers in flight up to {@code grace} to finish. */
    synchronized void close(Duration grace) {
      try {
        updates.close(); // no new updates: long polling or the webhook server stops first
      } catch (Exception e) {
        log.warn("stopping the updates: {}", e.getMessage());
      }
      bot.close(grace);
      watcher.close();
      subscriptions.close();
      fetcher.close();
      db.close();
    }
  }

  static String describe(IngestReport r) {
    if (!r.added().isEmpty()) {
      return "Added: "
          + r.added().getFirst().article().title()
          + ". Subscribers will get a digest.";
    }
    if (!r.duplicates().isEmpty()) {
      IngestReport.Duplicate d = r.duplicates().getFirst();
      return "Already have it: " + d.title() + " (" + d.reason() + " as " + d.duplicateOf() + ").";
    }
    return r.problems().isEmpty()
        ? "Nothing to add there."
        : "Could not add it: " + r.problems().getFirst();
  }

  static String token(Config config) {
    String token = config.telegramToken();
    if (token == null || token.isBlank()) {
      throw new ConfigException(
          "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it");
    }
    if (!TOKEN.matcher(token.strip()).matches()) {
      throw new ConfigException(
          "TELEGRAM_BOT_TOKEN is malformed: expected the bot id, a colon and the secret (123456:ABC-...)");
    }
    return token.strip();
  }

  static TelegramUrl url(String base) {
    try {
      URI uri = URI.create(base.strip());
      String scheme = uri.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return TelegramUrl.builder()
          .schema(scheme)
          .host(uri.getHost())
          .port(port)
          .testServer(false)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "TELEGRAM_API_URL is not a usable URL: " + base + " (" + e.getMessage() + ")");
    }
  }

  private static User getMe(OkHttpTelegramClient client) {
    try {
      return client.execute(new GetMe());
    } catch (TelegramApiRequestException e) {
      throw new ConfigException(
          "Telegram refused the bot token ("
              + e.getErrorCode()
              + " "
              + e.getApiResponse()
              + "): check TELEGRAM_BOT_TOKEN");
    } catch (TelegramApiException e) {
      throw new ConfigException(
          "cannot reach the Telegram Bot API (TELEGRAM_API_URL): " + e.getClass().getSimpleName());
    }
  }

  private static String redact(String s, String token) {
    return s == null ? null : s.replace(token, "<token>");
  }
}
