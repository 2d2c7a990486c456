package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storybot.bot.QuestionsTest.BOT;
import static org.storybot.bot.QuestionsTest.T0;
import static org.storybot.bot.QuestionsTest.question;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.storybot.store.Database;
import org.storybot.store.Postgres;

/** The question log's claims on a PostgreSQL that two replicas share. */
class QuestionsPostgresIT {
  @Test
  void onASharedDatabaseADeadReplicasQuestionIsTakenOverOnceItsClaimRunsOut() {
    String url = Postgres.freshDatabase();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      Questions replicaA = new Questions(a);
      Questions replicaB = new Questions(b);
      assertThat(replicaA.record(question(1), T0)).isTrue();
      assertThat(replicaB.record(question(1), T0)).isFalse(); // Telegram delivered it twice
      replicaB.releaseClaimsOfEarlierRuns(); // a shared database keeps the claims
      assertThat(replicaB.takeUnanswered(BOT, T0.plusSeconds(60))).isEmpty(); // A is answering
      // A died: after its claim runs out, B takes the question, and only B
      Instant later = T0.plus(Questions.CLAIM).plus(Duration.ofSeconds(1));
      assertThat(replicaB.takeUnanswered(BOT, later)).containsExactly(question(1));
      assertThat(replicaA.takeUnanswered(BOT, later)).isEmpty();
      replicaB.answered(question(1), later);
      assertThat(replicaA.takeUnanswered(BOT, later.plus(Duration.ofHours(1)))).isEmpty();
    }
  }

  @Test
  void aReplicaWhoseClaimWasTakenOverDoesNotAnswerTheQuestion() {
    String url = Postgres.freshDatabase();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      Questions replicaA = new Questions(a);
      Questions replicaB = new Questions(b);
      assertThat(replicaA.record(question(1), T0)).isTrue();
      assertThat(replicaA.record(question(2), T0)).isTrue();
      assertThat(replicaA.take(question(1), T0.plusSeconds(1))).isTrue(); // A's own
      assertThat(replicaB.take(question(1), T0.plusSeconds(1))).isFalse(); // A holds it
      // A is alive but slow: its claim on question 2 runs out while it waits in A's queue, and B
      // takes it over.
      Instant later = T0.plus(Questions.CLAIM).plusMillis(500); // A renewed question 1's at T0+1s
      assertThat(replicaB.takeUnanswered(BOT, later)).containsExactly(question(2));
      assertThat(replicaA.take(question(2), later.plusSeconds(1))).isFalse(); // B answers it
      assertThat(replicaB.take(question(2), later.plusSeconds(1))).isTrue();
      replicaB.answered(question(2), later.plusSeconds(2));
      assertThat(replicaB.take(question(2), later.plusSeconds(3))).isFalse(); // answered
    }
  }

  @Test
  void aQuestionWaitsWhileAnEarlierOneOfItsChatIsUnansweredAtAnyReplica() {
    String url = Postgres.freshDatabase();
    try (Database a = Database.connect(url, null, null);
        Database b = Database.connect(url, null, null)) {
      Questions replicaA = new Questions(a);
      Questions replicaB = new Questions(b);
      Questions.Question elsewhere = new Questions.Question(BOT, 999, 43, 1, 43, false, "who?");
      assertThat(replicaA.record(question(1), T0)).isTrue(); // the balancer sent it to A
      assertThat(replicaB.record(question(2), T0.plusMillis(10))).isTrue(); // and this to B
      assertThat(replicaB.record(elsewhere, T0.plusMillis(20))).isTrue();
      Instant since = T0.minus(Bot.LONGEST_TURN);
      assertThat(replicaB.hasEarlierUnanswered(question(2), since)).isTrue();
      assertThat(replicaA.hasEarlierUnanswered(question(1), since)).isFalse();
      assertThat(replicaB.hasEarlierUnanswered(elsewhere, since)).isFalse(); // another chat
      replicaA.answered(question(1), T0.plusSeconds(1));
      assertThat(replicaB.hasEarlierUnanswered(question(2), since)).isFalse(); // B's turn
      // An earlier question older than the longest wait no longer holds the chat up.
      assertThat(replicaA.record(question(3), T0.plusSeconds(2))).isTrue();
      assertThat(replicaA.hasEarlierUnanswered(question(3), T0.plusSeconds(1))).isFalse();
    }
  }
}
