package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.store.Database;
import org.storybot.store.StoreException;
import org.storybot.subscription.Messenger.ChatGoneException;
import org.storybot.subscription.Messenger.DeliveryException;
import org.storybot.subscription.Messenger.RetryAfterException;

class DeliveryTest {
  @TempDir Path dir;
  FakeTime time = new FakeTime();
  FakeMessenger messenger = new FakeMessenger(time);
  Database db;
  Subscribers subscribers;
  Outbox outbox;
  Delivery delivery;

  @BeforeEach
  void open() {
    db = Database.open(dir);
    subscribers = new Subscribers(db);
    outbox = new Outbox(db);
    delivery = new Delivery(outbox, subscribers, messenger, time, time);
  }

  @AfterEach
  void close() {
    delivery.close();
    db.close();
  }

  private void queue(String article, long... chats) {
    for (long chat : chats) subscribers.follow(chat, chat < 0, "", time.instant());
    outbox.enqueue(
        article, "<b>" + article + "</b>", Arrays.stream(chats).boxed().toList(), time.instant());
  }

  private String status(long chat, String article) {
    return db.read(
        c -> {
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT status || '/' || attempts FROM outbox WHERE chat_id = "
                          + chat
                          + " AND article_id = '"
                          + article
                          + "'");
          return rs.next() ? rs.getString(1) : null;
        });
  }

  @Test
  void unsubscribesAChatThatIsGoneAndDropsItsPendingRows() throws Exception {
    queue("a1", 1, 2);
    queue("a2", 1, 2);
    messenger.failingWith(chat -> chat == 2 ? new ChatGoneException(2, "blocked") : null);
    delivery.drain();
    assertThat(messenger.sent()).extracting(FakeMessenger.Sent::chatId).containsExactly(1L, 1L);
    assertThat(messenger.calls(2)).isEqualTo(1);
    assertThat(subscribers.queries(2)).isEmpty();
    assertThat(subscribers.queries(1)).containsExactly("");
    assertThat(status(2, "a1")).isEqualTo("dropped/0");
    assertThat(status(2, "a2")).isEqualTo("dropped/0");
  }

  @Test
  void retriesTransientFailuresWithExponentialBackoff() throws Exception {
    queue("a1", 1);
    messenger.failingWith(
        chat -> messenger.calls(chat) <= 2 ? new DeliveryException("timeout", null) : null);
    delivery.drain();
    assertThat(messenger.sent()).isEmpty();
    assertThat(status(1, "a1")).isEqualTo("pending/1");
    time.advance(Duration.ofMillis(1999));
    delivery.drain();
    assertThat(messenger.calls(1)).isEqualTo(1); // not due before 2 s
    time.advance(Duration.ofMillis(1));
    delivery.drain();
    assertThat(status(1, "a1")).isEqualTo("pending/2");
    time.advance(Duration.ofSeconds(4)); // the second wait is twice as long
    delivery.drain();
    assertThat(messenger.sent()).hasSize(1);
    assertThat(status(1, "a1")).isEqualTo("sent/2");
  }

  @Test
  void givesUpAfterTooManyAttempts() throws Exception {
    queue("a1", 1);
    messenger.failingWith(
        chat ->
            new IllegalStateException(
                "server error at https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"));
    for (int i = 0; i < Sender.MAX_ATTEMPTS; i++) {
      delivery.drain();
      time.advance(Sender.LONGEST_RETRY);
    }
    assertThat(messenger.calls(1)).isEqualTo(Sender.MAX_ATTEMPTS);
    assertThat(status(1, "a1")).isEqualTo("failed/" + Sender.MAX_ATTEMPTS);
    String error =
        db.read(
            c -> c.createStatement().executeQuery("SELECT last_error FROM outbox").getString(1));
    assertThat(error)
        .isEqualTo(
            "IllegalStateException: server error at https://api.telegram.org/bot<token>/sendMessage");
    assertThat(Sender.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Sender.backoff(30)).isEqualTo(Sender.LONGEST_RETRY);
  }

  @Test
  void pausesEverySendForTheRetryAfterOfA429() throws Exception {
    queue("a1", 1, 2, 3);
    messenger.failingWith(
        chat ->
            chat == 2 && messenger.calls(2) == 1
                ? new DeliveryException("429", new RetryAfterException(Duration.ofSeconds(7)))
                : null);
    var start = time.instant();
    delivery.drain();
    List<FakeMessenger.Sent> sent = messenger.sent();
    assertThat(sent).extracting(FakeMessenger.Sent::chatId).containsExactly(1L, 3L, 2L);
    assertThat(sent.get(0).at()).isEqualTo(start);
    assertThat(sent.get(1).at()).isEqualTo(start.plusSeconds(7));
    assertThat(sent.get(2).at()).isAfterOrEqualTo(start.plusSeconds(7));
    assertThat(status(2, "a1")).isEqualTo("sent/0"); // a 429 is not a failed attempt
  }

  @Test
  void honoursARetryAfterThrownOnItsOwn() throws Exception {
    queue("a1", 1, 2);
    messenger.failingWith(
        chat ->
            chat == 1 && messenger.calls(1) == 1
                ? new RetryAfterException(Duration.ofSeconds(3))
                : null);
    var start = time.instant();
    delivery.drain();
    assertThat(messenger.sent())
        .extracting(FakeMessenger.Sent::chatId, FakeMessenger.Sent::at)
        .containsExactly(tuple(2L, start.plusSeconds(3)), tuple(1L, start.plusSeconds(3)));
  }

  private void sql(String statement) {
    db.read(c -> c.createStatement().execute(statement));
  }

  @Test
  void neverResendsAMessageWhoseSentMarkFailed() throws Exception {
    queue("a1", 1, 2);
    messenger.failingWith(
        chat -> {
          // The database refuses to mark anything sent (a disk error, say) from now on.
          sql(
              "CREATE TEMP TRIGGER IF NOT EXISTS no_marks BEFORE UPDATE OF status ON outbox"
                  + " WHEN NEW.status = 'sent' BEGIN SELECT RAISE(ABORT, 'simulated'); END");
          return null;
        });
    assertThatThrownBy(delivery::drain).isInstanceOf(StoreException.class);
    assertThatThrownBy(delivery::drain).isInstanceOf(StoreException.class);
    assertThat(messenger.calls(1)).isEqualTo(1);
    assertThat(status(1, "a1")).isEqualTo("pending/0");

    sql("DROP TRIGGER temp.no_marks");
    messenger.failingWith(chat -> null);
    time.advance(Duration.ofSeconds(1));
    assertThat(delivery.drain()).isEqualTo(1); // chat 2; chat 1's row is only marked
    assertThat(messenger.sent()).extracting(FakeMessenger.Sent::chatId).containsExactly(1L, 2L);
    assertThat(status(1, "a1")).isEqualTo("sent/0");
  }

  @Test
  void backgroundSenderResumesPendingRowsAndSendsNewOnes() throws Exception {
    queue("a1", 1, 2);
    delivery.start(); // rows left "by an earlier run"
    awaitSent(2);
    queue("a2", 3);
    delivery.wake();
    awaitSent(3);
    assertThat(messenger.sent()).extracting(FakeMessenger.Sent::chatId).containsExactly(1L, 2L, 3L);
  }

  private void awaitSent(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (messenger.sent().size() < n && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(messenger.sent()).hasSize(n);
  }
}
