package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.bot.FakeBotApi;
import org.storybot.bot.TelegramHtml;
import org.storybot.bot.Webhook;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;
import org.storybot.store.Postgres;

/**
 * Webhook mode over real HTTP, on a shared PostgreSQL (the replica setup): the fake Bot API posts
 * updates to the bot's Jetty server.
 */
class WebhookIT {
  static final String SECRET = "s3cret-Token_for-tests";
  @TempDir static Path dir;
  static FakeBotApi telegram;
  static Storybot storybot;
  static RunBotCommand.Running bot;
  static String hook;
  static String base;
  static String database;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startInWebhookMode() throws Exception {
    telegram = new FakeBotApi();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    hook = base + "/telegram/updates";
    Map<String, String> env = new HashMap<>(BotIT.env(dir, telegram));
    env.put("STORYBOT_WEBHOOK_URL", hook);
    env.put("STORYBOT_WEBHOOK_LISTEN", "127.0.0.1:" + port);
    env.put("STORYBOT_WEBHOOK_SECRET", SECRET);
    database = Postgres.freshDatabase();
    env.put("STORYBOT_DATABASE_URL", database);
    storybot = new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get());
    bot = BotIT.start(storybot);
  }

  @AfterAll
  static void stop() {
    if (bot != null) bot.close(Duration.ofSeconds(5));
    if (storybot != null) storybot.close();
    if (telegram != null) telegram.close();
  }

  @Test
  void setsTheWebhookWithItsSecretAndNeverPolls() {
    var set = telegram.calls("setWebhook").getFirst().params();
    assertThat(set.path("url").asText()).isEqualTo(hook);
    assertThat(set.path("secret_token").asText()).isEqualTo(SECRET);
    assertThat(set.path("drop_pending_updates").asBoolean(true)).isFalse();
    assertThat(set.path("allowed_updates").toString()).contains("message", "inline_query");
    assertThat(telegram.calls("getUpdates")).isEmpty();
  }

  @Test
  void answersWhatTelegramPostsAndADuplicateDeliveryOnce() throws Exception {
    int asked = telegram.message(301, "private", 301, BotIT.QUESTION);
    var reply = telegram.awaitSent(301, 1).getFirst();
    assertThat(reply.params().path("reply_parameters").path("message_id").asInt()).isEqualTo(asked);
    assertThat(TelegramHtml.check(reply.text())).contains("[1]", "wider war with Iran");

    // Telegram retries when it did not see our 200: the same update arrives again.
    String again = telegram.update(telegram.lastUpdateId());
    assertThat(FakeBotApi.post(http, hook, SECRET, again)).isEqualTo(200);
    telegram.message(302, "private", 302, "/help"); // a later update, to know the first was seen
    telegram.awaitSent(302, 1);
    assertThat(telegram.sent(301)).hasSize(1);
    assertThat(recorded(301)).isEqualTo(1);
  }

  @Test
  void refusesWhatTelegramDidNotSendAndRecordsNothing() throws Exception {
    telegram.message(303, "private", 303, "hold on"); // seen once, so the id is known
    String update =
        telegram
            .update(telegram.lastUpdateId())
            .replace("\"chat\":{\"id\":303", "\"chat\":{\"id\":304");
    assertThat(FakeBotApi.post(http, hook, "wrong-secret", update)).isEqualTo(401);
    assertThat(FakeBotApi.post(http, hook, null, update)).isEqualTo(401);
    assertThat(FakeBotApi.post(http, hook, SECRET, "{\"update_id\": 5, \"message\": ["))
        .isEqualTo(400);
    assertThat(FakeBotApi.post(http, hook, SECRET, "[1, 2, 3]")).isEqualTo(400);
    String huge = "{\"update_id\": 7, \"padding\": \"" + "x".repeat(Webhook.MAX_BODY) + "\"}";
    assertThat(FakeBotApi.post(http, hook, SECRET, huge)).isEqualTo(413);
    assertThat(get("/telegram/updates").statusCode()).isEqualTo(405);
    assertThat(FakeBotApi.post(http, base + "/elsewhere", SECRET, update)).isEqualTo(404);
    assertThat(recorded(304)).isZero();
    assertThat(telegram.sent(304)).isEmpty();
  }

  @Test
  void servesHealthReadinessAndMetrics() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    telegram.message(305, "private", 305, "What did Kirby say?");
    telegram.awaitSent(305, 1);
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains(
            "storybot_questions_total",
            "storybot_answers_total",
            "storybot_abstentions_total",
            "storybot_answer_latency_seconds_bucket",
            "storybot_outbox_depth");
    assertThat(value(metrics, "storybot_questions_total")).isGreaterThanOrEqualTo(1);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double value(String metrics, String name) {
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError(name + " not in " + metrics);
  }

  /** How many questions from {@code chat} the bot recorded. */
  private static int recorded(long chat) throws Exception {
    try (Connection c = DriverManager.getConnection(database);
        var s = c.prepareStatement("SELECT count(*) FROM questions WHERE chat_id = ?")) {
      s.setLong(1, chat);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }
}
