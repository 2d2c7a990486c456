package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's send limits as this process counts them: at most 30 messages in any second overall
 * (counted over {@link #OVERALL_WINDOW}, a little more), one a second to a chat, and 20 a minute to
 * a group (negative chat ids); an edit counts as a message. It also holds the pause a 429's {@code
 * retry_after} orders, for every sender at once.
 *
 * <p>One instance per process, shared by everything that sends (answers, the drafts of streamed
 * answers, subscription digests), so that together they stay within the limits: two counts kept
 * apart would each allow 30 a second. With replicas on PostgreSQL each message also takes a slot of
 * the {@link SendBudget}; this count stays in front of it, so a replica does not ask the database
 * for slots it could not use.
 *
 * <p>Thread-safe. Times come from its clock and waits go through its sleeper, so tests run it in
 * simulated time. Holds no resources.
 */
public final class SendLimits {
  static final int PER_SECOND = 30;
  static final Duration SECOND = Duration.ofSeconds(1);

  /**
   * The 30 are counted over a little more than a second. Telegram counts messages as they arrive,
   * this process as it sends them, and the time between varies from one request to the next (a new
   * connection, a pause for garbage collection, a busy machine): SendLimitsIT saw the first of 30
   * arrive 31 ms later than the 31st, a second after, and so 33 messages in one second at the fake
   * Bot API. 30 in any 1.2 s (25 a second, as {@link SendBudget}) absorbs up to 200 ms of it.
   */
  static final Duration OVERALL_WINDOW = Duration.ofMillis(1200);

  static final int GROUP_PER_MINUTE = 20;
  static final Duration MINUTE = Duration.ofMinutes(1);

  /** A message that may be skipped (a draft) leaves a third of the overall window to the others. */
  static final int SPARE_PER_SECOND = PER_SECOND * 2 / 3;

  /** And half of a group's minute. */
  static final int SPARE_GROUP_PER_MINUTE = GROUP_PER_MINUTE / 2;

  private final Clock clock;
  private final Subscriptions.Sleeper sleeper;
  private final Deque<Instant> recent = new ArrayDeque<>(); // the last PER_SECOND sends
  private final Map<Long, Instant> lastToChat = new HashMap<>();
  private final Map<Long, Deque<Instant>> recentToGroup = new HashMap<>();
  private Instant pausedUntil = Instant.MIN;

  /** Limits counted by {@code clock}; a caller that must wait sleeps through {@code sleeper}. */
  public SendLimits(Clock clock, Subscriptions.Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until a message may go to {@code chatId} by every limit, then counts it. */
  public void acquire(long chatId) throws InterruptedException {
    for (Duration w = tryAcquire(chatId); !w.isZero(); w = tryAcquire(chatId)) sleeper.sleep(w);
  }

  /**
   * Waits for the overall limit and counts a message to {@code chatId}, unless the chat's own
   * limits hold it back, now or once the wait is over (another message went to it meanwhile, an
   * answer perhaps): then returns false at once, counting nothing, so that a caller with other
   * chats to send to can send to them first.
   */
  public boolean acquireUnlessChatBusy(long chatId) throws InterruptedException {
    for (Duration w = tryAcquire(chatId); !w.isZero(); w = tryAcquire(chatId)) {
      if (!chatWait(chatId).isZero()) return false;
      sleeper.sleep(w);
    }
    return true;
  }

  /**
   * Counts a message to {@code chatId} if it may go now with room to spare for messages that may
   * not be skipped: fewer than {@link #SPARE_PER_SECOND} in the last {@link #OVERALL_WINDOW} and,
   * to a group, fewer than {@link #SPARE_GROUP_PER_MINUTE} in its last minute. For the drafts of a
   * streamed answer, which are skipped when there is no room, never waited for.
   *
   * @return whether it was counted (and may go)
   */
  public synchronized boolean tryAcquireSpare(long chatId) {
    Instant now = clock.instant();
    if (allowedAt(chatId).isAfter(now)) return false;
    if (countAfter(recent, now.minus(OVERALL_WINDOW)) >= SPARE_PER_SECOND) return false;
    Deque<Instant> group = recentToGroup.get(chatId);
    if (group != null && countAfter(group, now.minus(MINUTE)) >= SPARE_GROUP_PER_MINUTE) {
      return false;
    }
    record(chatId, now);
    return true;
  }

  /** How long until the chat's own limits (one a second, a group's minute) allow a message. */
  public synchronized Duration chatWait(long chatId) {
    return untilOrZero(clock.instant(), chatAllowedAt(chatId));
  }

  /**
   * Counts {@code chatId} as just sent to, without counting a message overall: another replica sent
   * to it, so it waits its turn here too.
   */
  public synchronized void chatBusy(long chatId) {
    lastToChat.put(chatId, clock.instant());
  }

  /** Nothing is sent for {@code retryAfter} from now (Telegram answered 429). */
  public synchronized void pause(Duration retryAfter) {
    pausedUntil = max(pausedUntil, clock.instant().plus(retryAfter));
  }

  /**
   * Counts a message to {@code chatId} if every limit allows it now: zero; else how long to wait.
   */
  synchronized Duration tryAcquire(long chatId) {
    Instant now = clock.instant();
    Instant allowed = allowedAt(chatId);
    if (allowed.isAfter(now)) return Duration.between(now, allowed);
    record(chatId, now);
    return Duration.ZERO;
  }

  /** When the next message may go to {@code chatId}: every limit, and a 429's pause. */
  private Instant allowedAt(long chatId) {
    Instant allowed = max(pausedUntil, chatAllowedAt(chatId));
    if (recent.size() >= PER_SECOND) {
      allowed = max(allowed, recent.peekFirst().plus(OVERALL_WINDOW));
    }
    return allowed;
  }

  /** When the chat's own limits (one a second, a group's minute) next allow a message. */
  private Instant chatAllowedAt(long chatId) {
    Instant allowed = Instant.MIN;
    Instant last = lastToChat.get(chatId);
    if (last != null) allowed = last.plus(SECOND);
    Deque<Instant> group = recentToGroup.get(chatId);
    if (group != null && group.size() >= GROUP_PER_MINUTE) {
      allowed = max(allowed, group.peekFirst().plus(MINUTE));
    }
    return allowed;
  }

  /** Records a message (sent, or attempted: Telegram counts those too) to {@code chatId}. */
  private void record(long chatId, Instant at) {
    recent.addLast(at);
    while (recent.size() > PER_SECOND) recent.removeFirst();
    lastToChat.put(chatId, at);
    if (isGroup(chatId)) {
      Deque<Instant> group = recentToGroup.computeIfAbsent(chatId, k -> new ArrayDeque<>());
      group.addLast(at);
      while (group.size() > GROUP_PER_MINUTE) group.removeFirst();
    }
    forgetOld(at);
  }

  static boolean isGroup(long chatId) {
    return chatId < 0;
  }

  /** Drops per-chat entries that no longer limit anything, so memory stays bounded. */
  private void forgetOld(Instant now) {
    if (lastToChat.size() < 4096) return;
    lastToChat.values().removeIf(t -> !t.plus(SECOND).isAfter(now));
    recentToGroup.values().removeIf(d -> !d.peekLast().plus(MINUTE).isAfter(now));
  }

  private static long countAfter(Deque<Instant> times, Instant after) {
    return times.stream().filter(t -> t.isAfter(after)).count();
  }

  private static Duration untilOrZero(Instant now, Instant allowed) {
    return allowed.isAfter(now) ? Duration.between(now, allowed) : Duration.ZERO;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public synchronized String toString() {
    return "SendLimits[" + recent.size() + " recent, " + lastToChat.size() + " chats]";
  }
}
