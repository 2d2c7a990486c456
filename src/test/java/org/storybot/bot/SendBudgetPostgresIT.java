package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;
import org.storybot.store.Postgres;
import org.storybot.subscription.DigestWriter;
import org.storybot.subscription.SendBudget;
import org.storybot.subscription.SendLimits;
import org.storybot.subscription.Subscriptions;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Two replicas' senders draining one outbox on one PostgreSQL, against the fake Bot API over HTTP:
 * Telegram's overall rate holds for the two together, not for each.
 */
class SendBudgetPostgresIT {
  static final int CHATS = 240;

  @Test
  void twoSendersTogetherStayWithinThirtyMessagesInAnySecond() throws Exception {
    String url = Postgres.freshDatabase();
    Article followUp =
        Articles.read(Path.of("src/test/resources/subscription/001-israel-weighs-response.md"));
    try (FakeBotApi telegram = new FakeBotApi();
        StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
        Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      index.sync(Articles.readAll(Path.of("index/articles")).articles());
      index.add(followUp);
      OkHttpTelegramClient client =
          new OkHttpTelegramClient(telegram.token(), telegramUrl(telegram));
      SendLimits limitsA = new SendLimits(Clock.systemUTC(), Thread::sleep); // one per replica
      SendLimits limitsB = new SendLimits(Clock.systemUTC(), Thread::sleep);
      Outgoing outA =
          new Outgoing(client, telegram.token(), new Metrics(), limitsA, new SendBudget(a));
      Outgoing outB =
          new Outgoing(client, telegram.token(), new Metrics(), limitsB, new SendBudget(b));
      try (Subscriptions one =
              new Subscriptions(
                  a,
                  index,
                  outA,
                  DigestWriter.VERBATIM,
                  limitsA,
                  Clock.systemUTC(),
                  Thread::sleep);
          Subscriptions two =
              new Subscriptions(
                  b,
                  index,
                  outB,
                  DigestWriter.VERBATIM,
                  limitsB,
                  Clock.systemUTC(),
                  Thread::sleep)) {
        for (long chat = 1; chat <= CHATS; chat++) one.subscribe(chat, false, null);
        assertThat(one.onNewArticle(followUp)).isEqualTo(CHATS);
        one.start();
        two.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (one.pending() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(one.pending()).isZero();
      }
      List<FakeBotApi.Call> sent = telegram.calls("sendmessage");
      assertThat(sent.stream().map(FakeBotApi.Call::chatId).distinct()).hasSize(CHATS);
      assertThat(sent).hasSize(CHATS); // each once
      assertThat(FakeBotApi.busiestSecond(sent)).isLessThanOrEqualTo(30);
    }
  }

  @Test
  void aChatsSlotCountsFromWhenItsMessageGoesOutNotFromWhenItWasAskedFor() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      SendBudget budget = new SendBudget(db);
      // A message that waits 500 ms for its overall slot holds the chat until 1.7 s from now.
      assertThat(budget.tryChat(5, Duration.ofMillis(500))).isTrue();
      assertThat(budget.tryChat(5, Duration.ZERO)).isFalse();
      assertThat(budget.tryChat(5, Duration.ofMillis(1200))).isFalse();
      assertThat(budget.chatWait(5)).isGreaterThan(Duration.ofMillis(1200));
      assertThat(budget.tryChat(5, Duration.ofMillis(1700))).isTrue();
      assertThat(budget.tryChat(-5, Duration.ZERO)).isTrue(); // a group: every 3 s
      assertThat(budget.tryChat(-5, Duration.ofMillis(2500))).isFalse();
      assertThat(budget.chatWait(6)).isZero();
    }
  }

  @Test
  void aDraftGoesOnlyWhenNoReplicasMessageWaitsForASlot() throws Exception {
    try (Database a = Database.connect(Postgres.freshDatabase(), null, null)) {
      SendBudget budget = new SendBudget(a);
      assertThat(budget.tryNow(7)).isTrue();
      assertThat(budget.tryNow(7)).as("the chat's second is taken").isFalse();
      // Ten real messages queue up (350 ms of overall slots): no draft to any chat meanwhile, and
      // the chat refused keeps its slot free for a real message.
      for (int i = 0; i < 10; i++) budget.reserve();
      assertThat(budget.tryNow(8)).isFalse();
      assertThat(budget.chatWait(8)).isZero();
      Thread.sleep(500);
      assertThat(budget.tryNow(8)).isTrue();
    }
  }

  @Test
  void answersFromTwoReplicasToOneChatGoOutASecondApart() throws Exception {
    String url = Postgres.freshDatabase();
    try (FakeBotApi telegram = new FakeBotApi();
        Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      OkHttpTelegramClient client =
          new OkHttpTelegramClient(telegram.token(), telegramUrl(telegram));
      Outgoing outA =
          new Outgoing(
              client,
              telegram.token(),
              new Metrics(),
              new SendLimits(Clock.systemUTC(), Thread::sleep),
              new SendBudget(a));
      Outgoing outB =
          new Outgoing(
              client,
              telegram.token(),
              new Metrics(),
              new SendLimits(Clock.systemUTC(), Thread::sleep),
              new SendBudget(b));
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var first = pool.submit(() -> replies(outA, 3));
      var second = pool.submit(() -> replies(outB, 3));
      assertThat(first.get() + second.get()).isEqualTo(6);
      pool.shutdown();
      long[] at = telegram.sent(77).stream().mapToLong(FakeBotApi.Call::atNanos).sorted().toArray();
      assertThat(at).hasSize(6);
      for (int i = 1; i < at.length; i++) {
        // one a second to a chat; a little less allowed for the jitter of the HTTP requests
        assertThat(at[i] - at[i - 1]).isGreaterThan(900_000_000L);
      }
    }
  }

  private static int replies(Outgoing out, int n) throws InterruptedException {
    int sent = 0;
    for (int i = 0; i < n; i++) if (out.reply(77, "answer " + i, null)) sent++;
    return sent;
  }

  static TelegramUrl telegramUrl(FakeBotApi telegram) {
    java.net.URI uri = java.net.URI.create(telegram.url());
    return TelegramUrl.builder()
        .schema("http")
        .host(uri.getHost())
        .port(uri.getPort())
        .testServer(false)
        .build();
  }
}
