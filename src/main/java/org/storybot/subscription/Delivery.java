package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's delivery thread: it drains the outbox through a {@link Sender} (Telegram's limits,
 * gone chats, 429 pauses, backoff), then waits for new rows or the next retry. Pending rows left by
 * an earlier run are sent on start.
 *
 * <p>Exactly once, with one documented gap: a row is marked sent (one small SQLite update) right
 * after {@link Messenger#send} returns. If the mark fails, the row is marked again before anything
 * else and never re-sent by this process; only a crash between Telegram accepting a message and its
 * mark sends that one message again after restart (at least once, never lost).
 *
 * <p>One sender thread, owned here: {@link #start()} starts it, {@link #close()} stops it.
 */
final class Delivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  static final Duration IDLE_POLL = Duration.ofSeconds(5);

  private final Outbox outbox;
  private final Clock clock;
  private final Sender sender;
  private final Semaphore wake = new Semaphore(0);
  private ExecutorService executor;
  private volatile boolean stopping;

  Delivery(
      Outbox outbox,
      Subscribers subscribers,
      Messenger messenger,
      Clock clock,
      Subscriptions.Sleeper sleeper) {
    this(outbox, subscribers, messenger, clock, sleeper, new SendLimits(clock, sleeper), null);
  }

  /**
   * Sending within {@code limits}, the process's count (shared with whatever else it sends), and
   * with {@code budget}, the send limits shared with other replicas (null: none).
   */
  Delivery(
      Outbox outbox,
      Subscribers subscribers,
      Messenger messenger,
      Clock clock,
      Subscriptions.Sleeper sleeper,
      SendLimits limits,
      SendBudget budget) {
    this.outbox = outbox;
    this.clock = clock;
    this.sender = new Sender(outbox, subscribers, messenger, clock, sleeper, limits, budget);
  }

  /** Starts the sender thread; it sends what is pending, then waits for more. */
  synchronized void start() {
    if (executor != null) throw new IllegalStateException("delivery already started");
    executor =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("storybot-delivery").daemon().unstarted(r));
    executor.execute(this::loop);
  }

  /** Tells the sender thread that new rows are waiting. */
  void wake() {
    wake.release();
  }

  private void loop() {
    while (!stopping) {
      Duration idle = IDLE_POLL;
      try {
        drain();
        Instant now = clock.instant();
        Duration untilNext = Duration.between(now, outbox.nextDue().orElse(now.plus(IDLE_POLL)));
        idle = untilNext.isNegative() ? Duration.ZERO : min(untilNext, IDLE_POLL);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("notification delivery failed; trying again in {} s", IDLE_POLL.toSeconds(), e);
      }
      try {
        if (wake.tryAcquire(Math.max(1, idle.toMillis()), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Sends every row due now; see {@link Sender#drain()}. */
  int drain() throws InterruptedException {
    return sender.drain();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public synchronized void close() {
    stopping = true;
    sender.stop();
    wake.release();
    if (executor == null) return;
    executor.shutdown();
    try {
      // Let a send in flight finish (and be marked), so it is not sent again after a restart;
      // interrupt only a long pacing sleep.
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          log.warn("the notification sender did not stop within 12 s");
        }
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
