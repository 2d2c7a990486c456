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
}
