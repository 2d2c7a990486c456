package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.bot.FakeBotApi;
import org.storybot.bot.FakeBotApi.Call;
import org.storybot.bot.TelegramHtml;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;

/** The real bot, over real HTTP, against a fake Telegram Bot API server on 127.0.0.1. */
class BotIT {
  static final String QUESTION = "Is the US looking for a war with Iran?";
  @TempDir static Path dir;
  static FakeBotApi telegram;
  static Storybot storybot;
  static RunBotCommand.Running bot;

  static Map<String, String> env(Path home, FakeBotApi api) throws Exception {
    Map<String, String> env = storyHome(home);
    env.put("TELEGRAM_BOT_TOKEN", api.token());
    env.put("TELEGRAM_API_URL", api.url());
    env.put("STORYBOT_ADMINS", String.valueOf(FakeBotApi.ADMIN));
    env.put("STORYBOT_ALLOW_PRIVATE_URLS", "true");
    env.put("STORYBOT_QUESTIONS_PER_MINUTE", "4");
    return env;
  }

  /**
   * A Storybot home under {@code home}: a copy of the story's articles (made once), and the index
   * and data folders beside it; the settings that point there.
   */
  static Map<String, String> storyHome(Path home) throws java.io.IOException {
    Path articles = home.resolve("articles");
    if (!Files.exists(articles)) {
      Files.createDirectories(articles);
      try (var files = Files.list(Path.of("index/articles"))) {
        for (Path f : files.toList()) Files.copy(f, articles.resolve(f.getFileName()));
      }
    }
    Map<String, String> env = new HashMap<>();
    env.put("STORYBOT_HOME", home.toString());
    env.put("STORYBOT_ARTICLES", articles.toString());
    env.put("STORYBOT_INDEX", home.resolve("lucene").toString());
    env.put("STORYBOT_DATA", home.resolve("data").toString());
    return env;
  }

  static RunBotCommand.Running start(Storybot s) {
    return RunBotCommand.start(s, Clock.systemUTC());
  }

  @BeforeAll
  static void startTheBot() throws Exception {
    telegram = new FakeBotApi();
    storybot =
        new Storybot(
            Config.from(env(dir, telegram)), m -> {}, SharedEmbedder.get(), SharedRanker.get());
    bot = start(storybot);
  }

  @AfterAll
  static void stop() {
    if (bot != null) bot.close(Duration.ofSeconds(5));
    if (storybot != null) storybot.close();
    if (telegram != null) telegram.close();
  }

  @Test
  void startsWithGetMeAndTheCommandMenu() {
    assertThat(telegram.calls("getMe")).isNotEmpty();
    assertThat(telegram.calls("setMyCommands").getFirst().params().toString())
        .contains("\"ask\"", "\"sources\"", "\"subscribe\"");
    assertThat(telegram.calls("deleteWebhook")).isNotEmpty();
  }

  @Test
  void answersAPrivateQuestionAsAReplyWithCitedSources() throws Exception {
    int asked = telegram.message(101, "private", 101, QUESTION);
    Call reply = telegram.awaitSent(101, 1).getFirst();
    assertThat(reply.params().path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(reply.params().path("reply_parameters").path("message_id").asInt()).isEqualTo(asked);
    String html = TelegramHtml.check(reply.text());
    assertThat(html).contains("[1]", "<b>Sources</b>", "<blockquote", "wider war with Iran");
    assertThat(telegram.calls("sendChatAction")).anyMatch(c -> c.chatId() == 101);
  }

  @Test
  void escapesWhatPeopleWrite() throws Exception {
    telegram.message(102, "private", 102, "<b>hi</b> & \"x\"");
    String html = TelegramHtml.check(telegram.awaitSent(102, 1).getFirst().text());
    assertThat(html).doesNotContain("<b>hi</b>");
  }

  @Test
  void commandsWelcomeListAndHint() throws Exception {
    telegram.message(103, "private", 103, "/start");
    telegram.message(104, "private", 104, "/sources");
    telegram.message(105, "private", 105, "/frobnicate");
    telegram.message(106, "private", 106, "/latest");
    String start = TelegramHtml.check(telegram.awaitSent(103, 1).getFirst().text());
    assertThat(start).containsPattern("\\(\\d+ articles?\\)").contains("/ask ");
    assertThat(TelegramHtml.check(telegram.awaitSent(104, 1).getFirst().text()))
        .contains("US not looking for war against Iran");
    assertThat(telegram.awaitSent(105, 1).getFirst().text()).contains("/help");
    assertThat(TelegramHtml.check(telegram.awaitSent(106, 1).getFirst().text()))
        .contains("[1]", "[2]");
  }

  @Test
  void inGroupsAnswersOnlyWhatIsAddressedToIt() throws Exception {
    long group = -200;
    telegram.message(group, "group", 201, "anyone seen the news today?");
    telegram.message(group, "group", 201, "/ask@SomeOtherBot " + QUESTION);
    telegram.message(group, "group", 201, "/ask@" + FakeBotApi.USERNAME + " " + QUESTION);
    List<Call> first = telegram.awaitSent(group, 1);
    telegram.message(group, "group", 202, "@" + FakeBotApi.USERNAME + " what did Kirby say?");
    telegram.awaitSent(group, 2);
    telegram.replyToBot(group, 203, "What did Biden tell Netanyahu?", 1);
    telegram.message(group, "group", 204, "/ask " + QUESTION);
    List<Call> all = telegram.awaitSent(group, 4);
    assertThat(first.getFirst().text()).contains("[1]");
    assertThat(all).hasSize(4).allSatisfy(c -> TelegramHtml.check(c.text()));
  }

  @Test
  void answersInOneChatComeInTheOrderAsked() throws Exception {
    int a = telegram.message(901, "private", 901, QUESTION);
    int b = telegram.message(901, "private", 901, "/sources");
    int c = telegram.message(901, "private", 901, "What did Biden tell Netanyahu?");
    List<Integer> repliedTo =
        telegram.awaitSent(901, 3).stream()
            .map(x -> x.params().path("reply_parameters").path("message_id").asInt())
            .filter(id -> id != 0)
            .toList();
    assertThat(repliedTo).containsExactly(a, b, c);
  }

  @Test
  void aStuckChatDoesNotHoldUpTheOthers() throws Exception {
    telegram.holdCalls(c -> c.method().equals("sendmessage") && c.chatId() == 902);
    try {
      telegram.message(902, "private", 902, QUESTION);
      telegram.message(903, "private", 903, QUESTION);
      assertThat(telegram.awaitSent(903, 1).getFirst().text()).contains("[1]");
      assertThat(telegram.sent(902)).isEmpty();
    } finally {
      telegram.release();
    }
    assertThat(telegram.awaitSent(902, 1).getFirst().text()).contains("[1]");
  }

  @Test
  void inlineQueriesGetACitedAnswerOrAHint() throws Exception {
    int before = telegram.calls("answerInlineQuery").size();
    telegram.inline(301, QUESTION);
    telegram.inline(302, "");
    List<Call> answers =
        telegram
            .await(() -> telegram.calls("answerInlineQuery"), before + 2)
            .subList(before, before + 2);
    String all = answers.toString();
    assertThat(all).contains("[1]", "Type a question about the story");
    assertThat(answers.getFirst().params().path("cache_time").asInt()).isPositive();
    // answers follow each user's conversation: Telegram must not hand one user's to another
    assertThat(answers)
        .allSatisfy(a -> assertThat(a.params().path("is_personal").asBoolean()).isTrue());
  }

  @Test
  void nonTextUpdatesGetAHintInPrivateAndSilenceElsewhere() throws Exception {
    telegram.photo(401, "private", 401);
    telegram.photo(-402, "group", 402);
    telegram.edited(403, 403, "edited question");
    telegram.message(-402, "group", 402, "/ask " + QUESTION);
    assertThat(telegram.awaitSent(401, 1).getFirst().text()).contains("text only");
    List<Call> group = telegram.awaitSent(-402, 1);
    assertThat(group.getFirst().text()).contains("[1]");
    telegram.message(403, "private", 403, "/help");
    assertThat(telegram.awaitSent(403, 1))
        .hasSize(1)
        .first()
        .satisfies(c -> assertThat(c.text()).contains("/ask"));
  }

  @Test
  void aMessageOverTheLengthCapGetsAPoliteAnswerAndCostsNothing() throws Exception {
    telegram.message(451, "private", 451, "why ".repeat(300));
    telegram.message(451, "private", 451, "/help");
    List<Call> got = telegram.awaitSent(451, 2);
    assertThat(got.getFirst().text()).contains("under 1,000 characters");
    assertThat(got.get(1).text()).contains("/ask");
    assertThat(got).noneMatch(c -> c.text().contains("[1]"));
  }

  @Test
  void inlineQueriesArePacedPerUser() throws Exception {
    int before = telegram.calls("answerInlineQuery").size();
    for (int i = 0; i < 40; i++) telegram.inline(461, "Kirby " + i);
    telegram.inline(462, QUESTION); // another user is not affected
    List<Call> answers = telegram.await(() -> telegram.calls("answerInlineQuery"), before + 30 + 1);
    Thread.sleep(500); // nothing more arrives
    assertThat(telegram.calls("answerInlineQuery")).hasSize(before + 30 + 1);
    assertThat(answers).isNotEmpty();
  }

  @Test
  void floodControlWarnsOnceThenStaysQuiet() throws Exception {
    for (int i = 0; i < 7; i++) telegram.message(501, "private", 501, "/help");
    telegram.message(502, "private", 502, "/help"); // another user is not affected
    List<Call> got = telegram.awaitSent(501, 5);
    telegram.awaitSent(502, 1);
    assertThat(got.stream().filter(c -> c.text().contains("faster than I can answer"))).hasSize(1);
    assertThat(got.stream().filter(c -> c.text().contains("/ask"))).hasSize(4);
  }

  @Test
  void a429IsWaitedOutAndTheMessageStillArrives() throws Exception {
    telegram.failNext("sendMessage", 429, 1);
    telegram.message(601, "private", 601, "/help");
    Call sent = telegram.awaitSent(601, 2).getLast();
    assertThat(sent.text()).contains("/ask");
  }

  @Test
  void aServerErrorIsRetriedAndA403IsNot() throws Exception {
    telegram.failNext("sendMessage", 500, null);
    telegram.message(611, "private", 611, "/help");
    assertThat(telegram.awaitSent(611, 2).getLast().text()).contains("/ask");
    telegram.failNext("sendMessage", 403, null);
    telegram.message(612, "private", 612, "/help");
    telegram.awaitSent(612, 1);
    telegram.message(613, "private", 613, "/help");
    telegram.awaitSent(613, 1);
    assertThat(telegram.sent(612)).hasSize(1); // the refused attempt, never repeated
  }

  @Test
  void aDeepLinkPayloadIsAskedAfterTheWelcome() throws Exception {
    telegram.message(621, "private", 621, "/start Is_the_US_looking_for_a_war_with_Iran");
    List<Call> got = telegram.awaitSent(621, 2);
    assertThat(got.get(0).text()).contains("Storybot");
    assertThat(got.get(1).text()).contains("[1]", "Meet the Press");
  }

  @Test
  void subscribersGetExactlyOneCitedDigestOfANewArticle() throws Exception {
    long alice = 701, bob = 702, group = -703, cricket = 704;
    telegram.message(alice, "private", alice, "/subscribe");
    telegram.message(bob, "private", bob, "/subscribe");
    telegram.message(group, "group", 799, "/subscribe"); // not an admin
    telegram.message(cricket, "private", cricket, "/subscribe cricket");
    assertThat(telegram.awaitSent(group, 1).getFirst().text()).contains("admins");
    telegram.message(group, "group", FakeBotApi.ADMIN, "/subscribe@" + FakeBotApi.USERNAME);
    for (long chat : List.of(alice, bob, cricket)) telegram.awaitSent(chat, 1);
    telegram.awaitSent(group, 2);

    String url = telegram.page("/news/israel-weighs-response.html", articlePage());
    telegram.message(FakeBotApi.ADMIN, "private", FakeBotApi.ADMIN, "/add " + url);
    assertThat(telegram.awaitSent(FakeBotApi.ADMIN, 1).getFirst().text()).contains("Added");
    telegram.message(705, "private", 705, "/add " + url);
    assertThat(telegram.awaitSent(705, 1).getFirst().text()).contains("admins only");

    for (long chat : List.of(alice, bob)) {
      String digest = TelegramHtml.check(telegram.awaitSent(chat, 2).get(1).text());
      assertThat(digest).contains("Israel weighs", "[1]");
    }
    assertThat(TelegramHtml.check(telegram.awaitSent(group, 3).get(2).text())).contains("[1]");
    assertThat(queued())
        .containsOnlyKeys(alice, bob, group)
        .allSatisfy((chat, n) -> assertThat(n).isEqualTo(1));
  }

  /** Notifications in the outbox per chat. */
  static Map<Long, Integer> queued() throws Exception {
    Map<Long, Integer> out = new HashMap<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/storybot.db"));
        ResultSet r =
            c.createStatement()
                .executeQuery("SELECT chat_id, count(*) FROM outbox GROUP BY chat_id")) {
      while (r.next()) out.put(r.getLong(1), r.getInt(2));
    }
    return out;
  }

  static String articlePage() throws Exception {
    String md =
        Files.readString(Path.of("src/test/resources/subscription/001-israel-weighs-response.md"));
    String body = md.substring(md.indexOf("---", 3) + 3).strip();
    StringBuilder html =
        new StringBuilder("<html><head><title>Israel weighs its response to Iran</title>");
    html.append("<meta property=\"og:title\" content=\"Israel weighs its response to Iran\">");
    html.append("<meta property=\"article:published_time\" content=\"2024-04-15T09:00:00Z\">");
    html.append("</head><body><article><h1>Israel weighs its response to Iran</h1>");
    for (String p : body.split("\\n\\s*\\n")) {
      if (!p.startsWith("#"))
        html.append("<p>").append(p.replace("&", "&amp;").replace("<", "&lt;")).append("</p>");
    }
    return html.append("</article></body></html>").toString();
  }

  @Test
  void aBadTokenIsAClearConfigurationError() throws Exception {
    Map<String, String> env = env(dir.resolve("bad"), telegram);
    env.put("TELEGRAM_BOT_TOKEN", "not-a-token");
    try (Storybot s =
        new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get())) {
      assertThatThrownBy(() -> start(s))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("TELEGRAM_BOT_TOKEN")
          .hasMessageNotContaining("not-a-token");
    }
    env.remove("TELEGRAM_BOT_TOKEN");
    try (Storybot s =
        new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get())) {
      assertThatThrownBy(() -> start(s)).hasMessageContaining("TELEGRAM_BOT_TOKEN is not set");
    }
    assertThat(Config.from(env(dir, telegram)).toString()).doesNotContain(FakeBotApi.TOKEN);
  }

  @Test
  void aQuestionCutOffByAStopIsAnsweredOnceAfterTheRestart(@TempDir Path home) throws Exception {
    try (FakeBotApi api = new FakeBotApi();
        Storybot s =
            new Storybot(
                Config.from(env(home, api)), m -> {}, SharedEmbedder.get(), SharedRanker.get())) {
      RunBotCommand.Running first = start(s);
      api.holdCalls(c -> c.method().equals("sendmessage") && c.chatId() == 801);
      api.message(801, "private", 801, QUESTION);
      api.await(
          () -> api.calls("sendChatAction").stream().filter(c -> c.chatId() == 801).toList(), 1);
      first.close(Duration.ofMillis(200)); // the "crash": the answer never went out
      api.release();
      assertThat(api.sent(801)).isEmpty();
      RunBotCommand.Running second = start(s);
      try {
        Call answer = api.awaitSent(801, 1).getFirst();
        assertThat(answer.text()).contains("[1]");
        api.message(
            802, "private", 802, "/help"); // later traffic: the old question is not re-answered
        api.awaitSent(802, 1);
        assertThat(api.sent(801)).hasSize(1);
      } finally {
        second.close(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void questionsAreAnsweredWhenUpdateIdsRestartOrTheTokenChanges(@TempDir Path home)
      throws Exception {
    try (FakeBotApi api = new FakeBotApi()) {
      ask(home, api, 901, "/help");
    }
    // The same bot a week later: Telegram starts its update ids again; message ids go on.
    try (FakeBotApi later = new FakeBotApi(FakeBotApi.TOKEN, 1, 5000)) {
      ask(home, later, 901, QUESTION);
    }
    // Another bot (a new token) on the same data folder: its own update and message ids.
    try (FakeBotApi other = new FakeBotApi("987654321:AAAnotherFakeTokenForTests_xyz", 1, 1000)) {
      ask(home, other, 901, "/help");
    }
  }

  /** Runs a bot on {@code home} against {@code api}, asks one question, and checks the reply. */
  private static void ask(Path home, FakeBotApi api, long chat, String text) throws Exception {
    try (Storybot s =
        new Storybot(
            Config.from(env(home, api)), m -> {}, SharedEmbedder.get(), SharedRanker.get())) {
      RunBotCommand.Running running = start(s);
      try {
        api.message(chat, "private", chat, text);
        assertThat(api.awaitSent(chat, 1)).hasSize(1);
      } finally {
        running.close(Duration.ofSeconds(5));
      }
    }
  }
}
