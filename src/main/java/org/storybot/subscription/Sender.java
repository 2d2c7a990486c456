package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storybot.subscription.Messenger.ChatGoneException;
import org.storybot.subscription.Messenger.RetryAfterException;
import org.storybot.subscription.Outbox.Pending;

/**
 * Sends the outbox's due rows within Telegram's limits (the process's {@link SendLimits}, shared
 * with the answers), one at a time, and records each outcome: sent, gone (the chat is
 * unsubscribed), rate limited (every send pauses), or failed for now (retried with exponential
 * backoff, given up after {@link #MAX_ATTEMPTS}).
 *
 * <p>With a {@link SendBudget} (replicas sharing PostgreSQL) each send also takes its chat's slot
 * and an overall slot there, so the limits hold for the bot as a whole.
 *
 * <p>Not thread-safe: one thread drains at a time (the delivery thread, or a test).
 */
final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  static final int BATCH = 500;
  static final int MAX_ATTEMPTS = 10;
  static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  static final Duration LONGEST_RETRY = Duration.ofHours(1);

  /**
   * How long a row is claimed for while it is sent: far longer than one send, so a claim only runs
   * out when its sender died, and then another sender (another replica) takes the row.
   */
  static final Duration CLAIM = Duration.ofMinutes(2);

  // A client library's error may quote a request URL, and with it the bot token: never store that.
  private static final Pattern BOT_TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{30,}");

  private final Outbox outbox;
  private final Subscribers subscribers;
  private final Messenger messenger;
  private final Clock clock;
  private final Subscriptions.Sleeper sleeper;
  private final SendLimits limits; // shared with everything else this process sends
  private final SendBudget budget; // null unless replicas share the database
  // Rows Telegram accepted whose "sent" mark failed (a database hiccup): marked again before
  // anything else, and never re-sent while this process lives.
  private final Set<Long> unmarked = new LinkedHashSet<>();
  private volatile boolean stopping;
  private boolean started;

  Sender(
      Outbox outbox,
      Subscribers subscribers,
      Messenger messenger,
      Clock clock,
      Subscriptions.Sleeper sleeper,
      SendLimits limits,
      SendBudget budget) {
    this.limits = limits;
    this.budget = budget;
    this.outbox = outbox;
    this.subscribers = subscribers;
    this.messenger = messenger;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Makes a running {@link #drain()} return soon (after the send in progress, if any). */
  void stop() {
    stopping = true;
  }

  /**
   * Sends every row due now, pacing itself by the rate limits (sleeping through the sleeper), and
   * returns when no row is due.
   *
   * @return how many notifications were sent
   */
  int drain() throws InterruptedException {
    int sent = 0;
    if (!started) {
      outbox.releaseClaimsOfEarlierRuns();
      started = true;
    }
    markAgain();
    while (!stopping) {
      List<Pending> batch = outbox.due(clock.instant(), BATCH);
      batch.removeIf(row -> unmarked.contains(row.id()));
      if (batch.isEmpty()) return sent;
      int tried = 0;
      Duration shortestChatWait = LONGEST_RETRY;
      for (Pending row : batch) {
        if (stopping) break;
        Duration chatWait = limits.chatWait(row.chatId());
        if (chatWait.isZero()) {
          Outcome outcome = deliver(row);
          if (outcome == Outcome.SENT) sent++;
          if (outcome != Outcome.CHAT_BUSY) {
            tried++;
            continue;
          }
          chatWait = limits.chatWait(row.chatId()); // an answer went to it while this waited
        }
        // This chat had a message very recently: send to the others first, come back later.
        if (chatWait.compareTo(shortestChatWait) < 0) shortestChatWait = chatWait;
      }
      if (tried == 0 && !stopping && !shortestChatWait.isZero()) sleeper.sleep(shortestChatWait);
    }
    return sent;
  }

  /** What became of a row {@link #deliver} was given. */
  private enum Outcome {
    SENT,
    NOT_SENT, // claimed by another sender, or failed (see the row's status)
    CHAT_BUSY // its chat had a message too recently: left for later, unclaimed
  }

  /**
   * Sends one row unless another sender (a replica on the same database) claimed it first, or its
   * chat had a message too recently. The row is claimed before its slot of the limits is taken, so
   * that the message goes out right after its slot (no database write in between).
   */
  private Outcome deliver(Pending row) throws InterruptedException {
    Instant now = clock.instant();
    if (!outbox.claim(row.id(), now, now.plus(CLAIM))) return Outcome.NOT_SENT;
    if (!takeSlot(row)) return Outcome.CHAT_BUSY;
    if (budget != null && !takeSharedSlot(row)) return Outcome.NOT_SENT;
    try {
      messenger.send(row.chatId(), row.html());
    } catch (ChatGoneException e) {
      log.info("chat {} is gone ({}): unsubscribing it", row.chatId(), e.getMessage());
      subscribers.remove(row.chatId());
      return Outcome.NOT_SENT;
    } catch (RetryAfterException e) {
      outbox.release(row.id());
      pause(e);
      return Outcome.NOT_SENT;
    } catch (RuntimeException e) {
      RetryAfterException rateLimit = retryAfterIn(e);
      if (rateLimit != null) {
        outbox.release(row.id());
        pause(rateLimit);
      } else {
        retryLater(row, e);
      }
      return Outcome.NOT_SENT;
    }
    unmarked.add(row.id());
    outbox.markSent(row.id(), clock.instant());
    unmarked.remove(row.id());
    return Outcome.SENT;
  }

  /**
   * Takes the claimed row's slot of the process's limits, waiting for the overall one; false, with
   * the claim given up, when its chat had a message too recently (an answer, perhaps).
   */
  private boolean takeSlot(Pending row) throws InterruptedException {
    boolean taken;
    try {
      taken = limits.acquireUnlessChatBusy(row.chatId());
    } catch (InterruptedException e) {
      outbox.release(row.id()); // stopping: another sender may take the row at once
      throw e;
    }
    if (!taken) outbox.release(row.id());
    return taken;
  }

  /**
   * Takes the row's slots in the budget shared with other replicas, waiting for the overall one;
   * false, with the claim given up, when its chat had a message too recently (perhaps from another
   * replica).
   */
  private boolean takeSharedSlot(Pending row) throws InterruptedException {
    Duration wait = budget.reserveFor(row.chatId());
    if (wait == null) { // the overall slot goes unused
      outbox.release(row.id());
      limits.chatBusy(row.chatId()); // come back to it after the others
      return false;
    }
    try {
      if (!wait.isZero()) sleeper.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      outbox.release(row.id()); // stopping: another sender may take the row at once
      throw e;
    }
  }

  private void markAgain() {
    for (var it = unmarked.iterator(); it.hasNext(); ) {
      outbox.markSent(it.next(), clock.instant());
      it.remove();
    }
  }

  private void pause(RetryAfterException e) {
    log.warn("Telegram asked to slow down: pausing every send for {}", e.retryAfter());
    limits.pause(e.retryAfter()); // answers too: they share the limits
    if (budget != null) budget.pause(e.retryAfter()); // every replica waits, not only this one
  }

  private void retryLater(Pending row, RuntimeException e) {
    int attempts = row.attempts() + 1;
    String error =
        BOT_TOKEN
            .matcher(e.getClass().getSimpleName() + ": " + e.getMessage())
            .replaceAll("<token>");
    if (error.length() > 500) error = error.substring(0, 500);
    if (attempts >= MAX_ATTEMPTS) {
      log.error(
          "giving up on notification {} to chat {} after {} attempts: {}",
          row.id(),
          row.chatId(),
          attempts,
          error);
      outbox.fail(row.id(), attempts, error);
      return;
    }
    Duration delay = backoff(attempts);
    log.warn(
        "notification {} to chat {} failed ({}); retrying in {}",
        row.id(),
        row.chatId(),
        error,
        delay);
    outbox.retryLater(row.id(), attempts, clock.instant().plus(delay), error);
  }

  /** 2 s after the first failure, doubling, at most an hour. */
  static Duration backoff(int attempts) {
    Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
    return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
  }

  private static RetryAfterException retryAfterIn(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RetryAfterException r) return r;
    }
    return null;
  }
}
