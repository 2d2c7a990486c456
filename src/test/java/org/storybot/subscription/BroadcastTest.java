package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;

/**
 * Large broadcasts in simulated time: Telegram's limits hold, and a crash loses or repeats none.
 */
class BroadcastTest {
  static StoryIndex index;
  static Article followUp;

  @TempDir Path dir;
  FakeTime time = new FakeTime();

  @BeforeAll
  static void seedIndex() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    followUp = Articles.read(DigestsTest.FOLLOW_UP);
    index.add(followUp);
  }

  @AfterAll
  static void closeIndex() {
    index.close();
  }

  /** Private chats 1..n-groups, groups -1..-groups. */
  static List<Long> chats(int n, int groups) {
    return LongStream.concat(
            LongStream.rangeClosed(1, n - groups), LongStream.rangeClosed(-groups, -1))
        .boxed()
        .toList();
  }

  @Test
  void tenThousandSubscriberBroadcastStaysWithinTelegramLimits() throws Exception {
    FakeMessenger messenger = new FakeMessenger(time);
    List<Long> chats = chats(10_000, 500);
    try (Database db = Database.open(dir);
        Subscriptions subs = new Subscriptions(db, index, messenger, time, time)) {
      for (long chat : chats) subs.subscribe(chat, chat < 0, chat % 2 == 0 ? "" : "war cabinet");
      Instant start = time.instant();
      assertThat(subs.onNewArticle(followUp)).isEqualTo(10_000);
      assertThat(subs.delivery().drain()).isEqualTo(10_000);

      List<FakeMessenger.Sent> sent = messenger.sent();
      assertThat(sent.stream().map(FakeMessenger.Sent::chatId).collect(Collectors.toSet()))
          .hasSize(10_000)
          .containsAll(chats);
      assertWithinLimits(sent);
      // Paced, not stalled: 10,000 messages at 30 in any 1.2 s take 6.7 minutes and a bit.
      Duration took = Duration.between(start, sent.getLast().at());
      assertThat(took).isBetween(Duration.ofSeconds(399), Duration.ofSeconds(406));
    }
  }

  @Test
  void groupsGetAtMostTwentyAMinuteAndChatsOneASecond() throws Exception {
    FakeMessenger messenger = new FakeMessenger(time);
    List<Long> chats = List.of(1L, 2L, -1L, -2L);
    try (Database db = Database.open(dir)) {
      Outbox outbox = new Outbox(db);
      for (int a = 0; a < 45; a++)
        outbox.enqueue("a" + a, "<b>" + a + "</b>", chats, time.instant());
      try (Delivery delivery = new Delivery(outbox, new Subscribers(db), messenger, time, time)) {
        assertThat(delivery.drain()).isEqualTo(180);
      }
    }
    assertWithinLimits(messenger.sent());
    assertThat(messenger.sentTo(-1)).hasSize(45);
    // 45 messages to one group need at least two full minutes past the first twenty.
    List<FakeMessenger.Sent> group = messenger.sentTo(-1);
    assertThat(Duration.between(group.getFirst().at(), group.getLast().at()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
  }

  static void assertWithinLimits(List<FakeMessenger.Sent> sent) {
    List<Instant> all = sent.stream().map(FakeMessenger.Sent::at).sorted().toList();
    for (int i = 0; i + SendLimits.PER_SECOND < all.size(); i++) {
      assertThat(Duration.between(all.get(i), all.get(i + SendLimits.PER_SECOND)))
          .as("31 sends within one second, from %s", all.get(i))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    Map<Long, List<Instant>> byChat = new HashMap<>();
    for (var s : sent) byChat.computeIfAbsent(s.chatId(), k -> new ArrayList<>()).add(s.at());
    byChat.forEach(
        (chat, times) -> {
          for (int i = 0; i + 1 < times.size(); i++) {
            assertThat(Duration.between(times.get(i), times.get(i + 1)))
                .as("two sends to chat %d within a second", chat)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          }
          for (int i = 0; chat < 0 && i + SendLimits.GROUP_PER_MINUTE < times.size(); i++) {
            assertThat(Duration.between(times.get(i), times.get(i + SendLimits.GROUP_PER_MINUTE)))
                .as("21 sends to group %d within a minute", chat)
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
          }
        });
  }

  /** The process dies in the middle of a send: the message never reached Telegram. */
  static final class SimulatedCrash extends Error {}

  @Test
  void crashMidBroadcastThenRestartLeavesEverySubscriberExactlyOneMessage() throws Exception {
    List<FakeMessenger.Sent> telegram = new ArrayList<>(); // survives the "restart"
    List<Long> chats = chats(300, 30);
    Database first = Database.open(dir);
    FakeMessenger dying =
        new FakeMessenger(time, telegram)
            .failingWith(
                chat -> {
                  if (telegram.size() < 137) return null;
                  first.close(); // the process is gone: its connection with it
                  throw new SimulatedCrash();
                });
    Subscriptions subs = new Subscriptions(first, index, dying, time, time);
    for (long chat : chats) subs.subscribe(chat, chat < 0, null);
    subs.onNewArticle(followUp);
    assertThatThrownBy(() -> subs.delivery().drain()).isInstanceOf(SimulatedCrash.class);
    assertThat(telegram).hasSize(137);

    time.advance(Duration.ofSeconds(30));
    FakeMessenger healthy = new FakeMessenger(time, telegram);
    try (Database db = Database.open(dir);
        Subscriptions restarted = new Subscriptions(db, index, healthy, time, time)) {
      assertThat(restarted.onNewArticle(followUp))
          .isZero(); // ingest may retry: nothing queued twice
      assertThat(restarted.delivery().drain()).isEqualTo(300 - 137);
    }
    Map<Long, Long> perChat =
        telegram.stream()
            .collect(Collectors.groupingBy(FakeMessenger.Sent::chatId, Collectors.counting()));
    assertThat(perChat).hasSize(300).containsOnlyKeys(chats);
    assertThat(perChat.values()).containsOnly(1L);
  }

  @Test
  void restartedDeliveryThreadFinishesABroadcastTheKilledOneBegan() throws Exception {
    List<FakeMessenger.Sent> telegram = Collections.synchronizedList(new ArrayList<>());
    List<Long> chats = chats(120, 12);
    Database first = Database.open(dir);
    CountDownLatch died = new CountDownLatch(1);
    FakeMessenger dying =
        new FakeMessenger(time, telegram)
            .failingWith(
                chat -> {
                  if (telegram.size() < 50) return null;
                  first.close();
                  died.countDown();
                  throw new SimulatedCrash(); // kills the delivery thread mid-broadcast
                });
    Subscriptions subs = new Subscriptions(first, index, dying, time, time);
    for (long chat : chats) subs.subscribe(chat, chat < 0, null);
    subs.start();
    subs.onNewArticle(followUp);
    assertThat(died.await(10, TimeUnit.SECONDS)).isTrue();
    subs.close();

    try (Database db = Database.open(dir);
        Subscriptions restarted =
            new Subscriptions(db, index, new FakeMessenger(time, telegram), time, time)) {
      restarted.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (telegram.size() < chats.size() && System.nanoTime() < deadline) Thread.sleep(10);
    }
    Map<Long, Long> perChat;
    synchronized (telegram) {
      perChat =
          telegram.stream()
              .collect(Collectors.groupingBy(FakeMessenger.Sent::chatId, Collectors.counting()));
    }
    assertThat(perChat).containsOnlyKeys(chats);
    assertThat(perChat.values()).containsOnly(1L);
  }
}
