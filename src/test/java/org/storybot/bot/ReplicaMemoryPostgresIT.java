package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.Citation;
import org.storybot.answer.Conversations;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/**
 * Two replicas in one JVM on one PostgreSQL, each with its own connection pool, index and objects:
 * what one remembers of a chat or counts of a user holds in the other, as a round-robin balancer
 * needs.
 */
class ReplicaMemoryPostgresIT {
  @Test
  void aFollowUpAnsweredByTheOtherReplicaIsReadWithTheQuestionBeforeIt() {
    String url = Postgres.freshDatabase();
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
        Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      index.sync(Articles.readAll(Path.of("index/articles")).articles());
      Answerer answerer = new Answerer(index, SharedRanker.get());
      Conversations one = new Conversations(answerer, 2, new SharedTurns(a));
      Conversations two = new Conversations(answerer, 2, new SharedTurns(b));

      one.ask(1, "What did Austin ask Gallant?");
      Answer followUp = two.ask(1, "and what did he say about protecting US forces?");
      assertThat(followUp.question()).contains("Austin", "Gallant");
      // Another chat has no history, in either replica.
      assertThat(two.ask(2, "What did he say?").question()).isEqualTo("What did he say?");

      // "Tell me more" reaching the other replica goes on from the last answer's source.
      Answer source = one.ask(3, "What did Biden tell Netanyahu?");
      Answer more = two.ask(3, "tell me more");
      assertThat(more.citations()).isNotEmpty();
      assertThat(more.citations().getFirst().articleId())
          .isEqualTo(source.citations().getFirst().articleId());
      assertThat(more.citations().getFirst().ordinal())
          .isGreaterThan(source.citations().getFirst().ordinal());
      assertThat(more.citations())
          .extracting(Citation::sentence)
          .doesNotContainAnyElementsOf(
              source.citations().stream().map(Citation::sentence).toList());

      // Bounded, oldest first, the same whichever replica reads; a reset in one holds in both.
      one.ask(1, "Who is Lloyd Austin?");
      assertThat(two.history(1))
          .extracting(Conversations.Turn::question)
          .containsExactly(
              "and what did he say about protecting US forces?", "Who is Lloyd Austin?");
      assertThat(two.history(1).getLast().answer().text())
          .isEqualTo(one.history(1).getLast().answer().text())
          .isNotBlank();
      two.reset(1);
      assertThat(one.history(1)).isEmpty();
      assertThat(one.history(2)).hasSize(1);
    }
  }

  @Test
  void aUsersQuotaHoldsForTheBotAsAWholeNotOncePerReplica() {
    String url = Postgres.freshDatabase();
    FloodTest.Ticking clock = new FloodTest.Ticking();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      Flood one = new Flood(3, clock, a, "question");
      Flood two = new Flood(3, clock, b, "question");
      Flood inline = new Flood(3, clock, b, "inline");

      assertThat(one.check(7)).isEqualTo(Flood.Verdict.ALLOW);
      assertThat(two.check(7)).isEqualTo(Flood.Verdict.ALLOW);
      assertThat(one.check(7)).isEqualTo(Flood.Verdict.ALLOW);
      assertThat(two.check(7)).isEqualTo(Flood.Verdict.WARN); // the fourth, wherever it lands
      assertThat(one.check(7)).isEqualTo(Flood.Verdict.DROP); // warned once, in either
      assertThat(two.check(8)).isEqualTo(Flood.Verdict.ALLOW); // another user
      assertThat(inline.check(7)).isEqualTo(Flood.Verdict.ALLOW); // inline queries count apart

      clock.now = clock.now.plus(Duration.ofSeconds(61));
      assertThat(two.check(7)).isEqualTo(Flood.Verdict.ALLOW); // a new minute
      // Rows of the minute before are deleted as the user comes back, and now and then for all.
      clock.now = clock.now.plus(Duration.ofSeconds(61));
      assertThat(one.prune(clock.millis() - 60_000)).isEqualTo(2); // user 8's and the one above
    }
  }

  @Test
  void onSqliteEachProcessCountsInItsOwnMemory() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("flood");
    try (Database local = Database.open(dir)) {
      FloodTest.Ticking clock = new FloodTest.Ticking();
      Flood flood = new Flood(1, clock, local, "question");
      assertThat(flood.check(7)).isEqualTo(Flood.Verdict.ALLOW);
      assertThat(flood.check(7)).isEqualTo(Flood.Verdict.WARN);
      int rows =
          local.read(
              c -> {
                try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM flood_event")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(rows).isZero();
    }
  }
}
