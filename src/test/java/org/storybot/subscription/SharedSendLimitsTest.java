package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.store.Database;

/**
 * A digest broadcast and streamed answers at once, in simulated time, through one {@link
 * SendLimits}: the real sender drains the outbox on one thread while four threads answer as the
 * bot's do (a placeholder, drafts when there is room, the final edit), all into one "Telegram".
 */
class SharedSendLimitsTest {
  static final int SUBSCRIBERS = 400;
  static final int ANSWER_THREADS = 4;
  static final int QUESTIONS_PER_THREAD = 30;
  static final int DRAFTS_PER_ANSWER = 6;

  @TempDir Path dir;
  final SimulatedThreads time = new SimulatedThreads();
  final SendLimits limits = new SendLimits(time, time);
  final FakeMessenger telegram = new FakeMessenger(time);

  @Test
  void answersDraftsAndABroadcastFromSeveralThreadsKeepTheLimitsTogether() throws Exception {
    // Private chats and a few groups; the answers go to chats that get a digest too.
    List<Long> chats =
        LongStream.concat(
                LongStream.rangeClosed(1, SUBSCRIBERS - 5), LongStream.rangeClosed(-5, -1))
            .boxed()
            .toList();
    try (Database db = Database.open(dir)) {
      Subscribers subscribers = new Subscribers(db);
      for (long chat : chats) subscribers.follow(chat, chat < 0, "", time.instant());
      Outbox outbox = new Outbox(db);
      outbox.enqueue("a1", "<b>digest</b>", chats, time.instant());
      try (Delivery delivery =
          new Delivery(outbox, subscribers, telegram, time, time, limits, null)) {
        List<SimulatedThreads.Task> tasks = new ArrayList<>();
        tasks.add(() -> assertThat(delivery.drain()).isEqualTo(SUBSCRIBERS));
        for (int t = 0; t < ANSWER_THREADS; t++) {
          long first = t;
          tasks.add(() -> answer(first));
        }
        time.run(tasks, Duration.ofMinutes(2));
      }
    }

    List<FakeMessenger.Sent> sent = telegram.sent();
    assertThat(sent).filteredOn(s -> s.html().equals("<b>digest</b>")).hasSize(SUBSCRIBERS);
    int answers = ANSWER_THREADS * QUESTIONS_PER_THREAD;
    assertThat(sent).filteredOn(s -> s.html().equals("answer")).hasSize(answers);
    // 30 a second overall, one a second to a chat, 20 a minute to a group: for all together.
    BroadcastTest.assertWithinLimits(sent);
    // Drafts were shown, but only into room to spare: fewer than 20 sends in the second before.
    List<FakeMessenger.Sent> drafts = sent.stream().filter(s -> s.html().equals("draft")).toList();
    assertThat(drafts).hasSizeBetween(answers / 2, answers * DRAFTS_PER_ANSWER - 1);
    for (FakeMessenger.Sent d : drafts) {
      Instant secondBefore = d.at().minus(SendLimits.SECOND);
      long before =
          sent.stream()
              .filter(s -> s.at().isAfter(secondBefore) && s.at().isBefore(d.at()))
              .count();
      assertThat(before).as("sends in the second before a draft at %s", d.at()).isLessThan(20);
    }
  }

  /**
   * One answering thread: questions from chats {@code first}, {@code first + 4}, ... (a group now
   * and then), each streamed as the bot streams it.
   */
  private void answer(long first) throws InterruptedException {
    for (int q = 0; q < QUESTIONS_PER_THREAD; q++) {
      long chat = q % 10 == 9 ? -1 - (first + q) % 5 : first + 1 + ANSWER_THREADS * q;
      limits.acquire(chat); // the placeholder: waited for
      telegram.send(chat, "placeholder");
      for (int d = 0; d < DRAFTS_PER_ANSWER; d++) {
        time.sleep(Duration.ofMillis(400)); // the model writes
        if (limits.tryAcquireSpare(chat)) telegram.send(chat, "draft"); // else skipped
      }
      limits.acquire(chat); // the final edit: waited for
      telegram.send(chat, "answer");
    }
  }
}
