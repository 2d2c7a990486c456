package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.store.Database;

class SubscriptionsTest {
  static StoryIndex index;
  static Article followUp;

  @TempDir Path dir;
  FakeTime time = new FakeTime();
  FakeMessenger messenger = new FakeMessenger(time);
  Database db;
  Subscriptions subs;

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

  @BeforeEach
  void open() {
    db = Database.open(dir);
    subs = new Subscriptions(db, index, messenger, time, time);
  }

  @AfterEach
  void close() {
    subs.close();
    db.close();
  }

  @Test
  void eachMatchingChatGetsExactlyOneCitedDigestAndOthersNone() throws Exception {
    subs.subscribe(1001, false, null);
    subs.subscribe(1002, false, "Herzi Halevi");
    subs.subscribe(-5001, true, "");
    subs.subscribe(1003, false, "ceasefire hostages");

    assertThat(subs.onNewArticle(followUp)).isEqualTo(3);
    subs.delivery().drain();

    String digest = new Digests(index).of(followUp);
    for (long chat : new long[] {1001, 1002, -5001}) {
      assertThat(messenger.sentTo(chat))
          .extracting(FakeMessenger.Sent::html)
          .containsExactly(digest);
    }
    assertThat(messenger.sentTo(1003)).isEmpty();
    assertThat(digest)
        .startsWith("<b><a href=\"https://news.example.com/")
        .contains("Israel's war cabinet met for a second time on Monday", "[1]", "[2]", "[3]")
        .contains("<i>[1] sentence 2, [2] sentence 3, [3] sentence 5 of this article")
        .doesNotContain("John Kirby"); // a fact the index already held
  }

  @Test
  void queuesAnArticleOnlyOnceEvenWhenToldTwice() throws Exception {
    subs.subscribe(1001, false, null);
    assertThat(subs.onNewArticle(followUp)).isEqualTo(1);
    assertThat(subs.onNewArticle(followUp)).isZero();
    subs.delivery().drain();
    subs.onNewArticle(followUp);
    subs.delivery().drain();
    assertThat(messenger.sentTo(1001)).hasSize(1);
  }

  @Test
  void atStartAnnouncesWhatWasIndexedButNeverAnnouncedOnce() throws Exception {
    Article seed = Articles.readAll(Path.of("index/articles")).articles().getFirst();
    subs.subscribe(1001, false, null);
    // First start: the articles the bot starts with are recorded, not announced.
    assertThat(subs.announceMissed(List.of(seed))).isZero();
    subs.delivery().drain();
    assertThat(messenger.sentTo(1001)).isEmpty();
    // The follow-up was indexed, then the process died before announcing it.
    subs.close();
    db.close();
    db = Database.open(dir);
    subs = new Subscriptions(db, index, messenger, time, time);
    assertThat(subs.announceMissed(List.of(seed, followUp))).isEqualTo(1);
    assertThat(subs.announceMissed(List.of(seed, followUp))).isZero();
    assertThat(subs.onNewArticle(followUp)).isZero();
    subs.delivery().drain();
    assertThat(messenger.sentTo(1001)).hasSize(1);
    assertThat(messenger.sentTo(1001).getFirst().html()).contains(followUp.title());
  }

  @Test
  void anArticleNobodyFollowsCountsAsAnnounced() {
    assertThat(subs.announceMissed(List.of())).isZero();
    assertThat(subs.onNewArticle(followUp)).isZero();
    subs.subscribe(1001, false, null);
    assertThat(subs.announceMissed(List.of(followUp))).isZero();
    assertThat(subs.onNewArticle(followUp)).isZero();
  }

  @Test
  void subscriptionsSurviveARestart() {
    subs.subscribe(1001, false, "oil prices");
    time.advance(java.time.Duration.ofSeconds(1)); // listed in the order subscribed
    subs.subscribe(1001, false, "\"war cabinet\"");
    subs.close();
    db.close();
    db = Database.open(dir);
    subs = new Subscriptions(db, index, messenger, time, time);
    assertThat(subs.describe(1001))
        .isEqualTo("This chat follows new articles matching:\n• oil prices\n• \"war cabinet\"");
  }

  @Test
  void repliesToEachCommand() {
    assertThat(subs.describe(7)).startsWith("This chat follows nothing.");
    assertThat(subs.subscribe(7, false, null)).startsWith("Subscribed: this chat will get");
    assertThat(subs.subscribe(7, false, " ")).startsWith("This chat already gets every");
    assertThat(subs.describe(7)).isEqualTo("This chat follows every new article.");
    assertThat(subs.subscribe(7, false, "gaza  ceasefire talks"))
        .isEqualTo(
            "Subscribed to new articles matching: gaza ceasefire talks (articles must mention at"
                + " least 2 of the 3). Send /subscriptions to list them, /unsubscribe to stop.");
    assertThat(subs.describe(7))
        .isEqualTo("This chat follows new articles matching:\n• gaza ceasefire talks");
    assertThat(subs.subscribe(7, false, "the of")).endsWith("Nothing was changed.");
    assertThat(subs.unsubscribe(7)).startsWith("Unsubscribed");
    assertThat(subs.unsubscribe(7)).isEqualTo("This chat had no subscriptions.");
  }

  @Test
  void limitsKeywordSubscriptionsPerChat() {
    for (int i = 0; i < Subscriptions.MAX_QUERIES_PER_CHAT; i++) {
      assertThat(subs.subscribe(7, false, "topic" + i)).startsWith("Subscribed");
    }
    assertThat(subs.subscribe(7, false, "one more")).contains("Nothing was changed");
    assertThat(subs.subscribe(7, false, "topic3")).startsWith("Already subscribed");
  }

  @Test
  void unsubscribingDropsUnsentNotifications() throws Exception {
    subs.subscribe(1001, false, null);
    subs.subscribe(1002, false, null);
    subs.onNewArticle(followUp);
    subs.unsubscribe(1002);
    subs.delivery().drain();
    assertThat(messenger.sent()).extracting(FakeMessenger.Sent::chatId).containsExactly(1001L);
  }
}
