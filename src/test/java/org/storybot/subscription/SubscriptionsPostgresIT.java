package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/** Subscriptions, the outbox and announcements on a real PostgreSQL. */
class SubscriptionsPostgresIT {
  static StoryIndex index;
  static Article seed;
  static Article followUp;

  @BeforeAll
  static void seedIndex() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    List<Article> story = Articles.readAll(Path.of("index/articles")).articles();
    index.sync(story);
    seed = story.getFirst();
    followUp = Articles.read(DigestsTest.FOLLOW_UP);
    index.add(followUp);
  }

  @AfterAll
  static void closeIndex() {
    index.close();
  }

  @Test
  void eachFollowerGetsEachNewArticleOnceAcrossRestarts() throws Exception {
    String url = Postgres.freshDatabase();
    FakeTime time = new FakeTime();
    FakeMessenger messenger = new FakeMessenger(time);
    try (Database db = Database.connect(url, null, null);
        Subscriptions subs = new Subscriptions(db, index, messenger, time, time)) {
      assertThat(subs.subscribe(1001, false, null)).startsWith("Subscribed");
      assertThat(subs.subscribe(-5001, true, "Herzi Halevi")).startsWith("Subscribed");
      assertThat(subs.subscribe(1003, false, "ceasefire hostages")).startsWith("Subscribed");
      assertThat(subs.describe(-5001)).contains("Herzi Halevi");
      assertThat(subs.announceMissed(List.of(seed))).isZero(); // first start: a baseline
      // indexed, then the process died before announcing it
    }
    try (Database db = Database.connect(url, null, null);
        Subscriptions subs = new Subscriptions(db, index, messenger, time, time)) {
      assertThat(subs.announceMissed(List.of(seed, followUp))).isEqualTo(1);
      assertThat(subs.pending()).isEqualTo(2);
      assertThat(subs.onNewArticle(followUp)).isZero();
      assertThat(subs.delivery().drain()).isEqualTo(2);
      assertThat(subs.pending()).isZero();
    }
    assertThat(messenger.sentTo(1001)).hasSize(1);
    assertThat(messenger.sentTo(-5001)).hasSize(1);
    assertThat(messenger.sentTo(1003)).isEmpty();
  }

  @Test
  void theNextDueNotificationIsReadOnPostgres() {
    try (Database db = Database.connect(Postgres.freshDatabase(), null, null)) {
      Outbox outbox = new Outbox(db);
      assertThat(outbox.nextDue()).isEmpty();
      java.time.Instant at = java.time.Instant.parse("2026-11-30T00:00:00Z");
      outbox.enqueue(followUp.id(), "<b>digest</b>", List.of(1001L), at);
      assertThat(outbox.nextDue()).contains(at);
    }
  }

  @Test
  void twoReplicasDrainingOneOutboxSendEachNotificationOnce() throws Exception {
    String url = Postgres.freshDatabase();
    List<Long> telegram = new java.util.concurrent.CopyOnWriteArrayList<>();
    Messenger slow =
        (chat, html) -> {
          telegram.add(chat);
          try {
            Thread.sleep(2); // a real send takes time: the two replicas interleave
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    FakeTime timeA = new FakeTime();
    FakeTime timeB = new FakeTime();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null);
        Subscriptions one = new Subscriptions(a, index, slow, timeA, timeA);
        Subscriptions two = new Subscriptions(b, index, slow, timeB, timeB)) {
      for (long chat = 1; chat <= 200; chat++) one.subscribe(chat, false, null);
      assertThat(one.onNewArticle(followUp)).isEqualTo(200);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var first = pool.submit(() -> one.delivery().drain());
      var second = pool.submit(() -> two.delivery().drain());
      int sent = first.get() + second.get();
      pool.shutdown();
      assertThat(sent).isEqualTo(200);
      assertThat(one.pending()).isZero();
    }
    assertThat(telegram).hasSize(200).doesNotHaveDuplicates();
  }

  /** A replica's death, thrown from inside a send: nothing after it runs, nothing is released. */
  static final class Died extends Error {}

  @Test
  void aBroadcastToTenThousandSpreadOverTwoReplicasReachesEveryoneOnceThoughOneDies()
      throws Exception {
    String url = Postgres.freshDatabase();
    int chats = 10_000;
    List<Long> telegram = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger sentByA =
        new java.util.concurrent.atomic.AtomicInteger();
    var aDied = new java.util.concurrent.CountDownLatch(1);
    Messenger dying =
        (chat, html) -> {
          // Replica A dies a quarter of the way in, before its message reaches Telegram.
          if (sentByA.incrementAndGet() > chats / 4) {
            aDied.countDown();
            throw new Died();
          }
          telegram.add(chat);
        };
    // Replica B holds its first claim until A has died: on two busy cores B could otherwise send
    // all 10,000 before A's thread sends its 2,500th, and A would never die mid-broadcast.
    Messenger living =
        (chat, html) -> {
          try {
            aDied.await(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          telegram.add(chat);
        };
    FakeTime time = new FakeTime();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      a.transaction(
          c -> {
            try (var s =
                c.prepareStatement(
                    "INSERT INTO subscription (chat_id, query, is_group, created_at)"
                        + " VALUES (?, '', 0, 0)")) {
              for (long chat = 1; chat <= chats; chat++) {
                s.setLong(1, chat);
                s.addBatch();
              }
              return s.executeBatch().length;
            }
          });
      List<Long> everyone = java.util.stream.LongStream.rangeClosed(1, chats).boxed().toList();
      assertThat(new Outbox(a).enqueue("broadcast", "<b>news</b>", everyone, time.instant()))
          .isEqualTo(chats);
      // Each replica's in-process limits only: this is about the outbox's claims.
      Delivery one = new Delivery(new Outbox(a), new Subscribers(a), dying, time, time);
      Delivery two = new Delivery(new Outbox(b), new Subscribers(b), living, time, time);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var first = pool.submit(one::drain);
      var second = pool.submit(two::drain);
      assertThat(org.assertj.core.api.Assertions.catchThrowable(first::get))
          .hasCauseInstanceOf(Died.class);
      second.get();
      pool.shutdown();
      // The row A held when it died is sent once its claim runs out.
      time.advance(Sender.CLAIM.plusSeconds(1));
      two.drain();
      assertThat(new Outbox(b).pending()).isZero();
    }
    assertThat(telegram).hasSize(chats).doesNotHaveDuplicates();
  }
}
