package org.storybot.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's broadcast limits, kept by the sender itself: at most 30 messages in any second
 * overall, one per second to a chat, and 20 per minute to a group (negative chat ids). It also
 * holds a pause ordered by a 429's {@code retry_after}. Times come from the caller's clock, so
 * tests run it in simulated time. Not thread-safe: one sender thread owns it.
 */
final class RateLimiter {
  static final int PER_SECOND = 30;
  static final Duration SECOND = Duration.ofSeconds(1);
  static final int GROUP_PER_MINUTE = 20;
  static final Duration MINUTE = Duration.ofMinutes(1);

  private final Deque<Instant> recent = new ArrayDeque<>(); // the last PER_SECOND sends
  private final Map<Long, Instant> lastToChat = new HashMap<>();
  private final Map<Long, Deque<Instant>> recentToGroup = new HashMap<>();
  private Instant pausedUntil = Instant.MIN;

  /** How long to wait before any message may go out (overall limit, or a 429 pause). */
  Duration globalWait(Instant now) {
    Instant allowed = pausedUntil;
    if (recent.size() >= PER_SECOND) allowed = max(allowed, recent.peekFirst().plus(SECOND));
    return untilOrZero(now, allowed);
  }

  /** How long to wait before a message may go to {@code chatId} (per-chat and group limits). */
  Duration chatWait(long chatId, Instant now) {
    Instant allowed = Instant.MIN;
    Instant last = lastToChat.get(chatId);
    if (last != null) allowed = last.plus(SECOND);
    Deque<Instant> group = recentToGroup.get(chatId);
    if (group != null && group.size() >= GROUP_PER_MINUTE) {
      allowed = max(allowed, group.peekFirst().plus(MINUTE));
    }
    return untilOrZero(now, allowed);
  }

  /** Records a message sent (or attempted: Telegram counts those too) to {@code chatId}. */
  void record(long chatId, Instant at) {
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

  /**
   * Counts {@code chatId} as just sent to, without counting a message overall: another replica sent
   * to it, so it waits its turn here too.
   */
  void chatBusy(long chatId, Instant at) {
    lastToChat.put(chatId, at);
  }

  /** Nothing is sent before {@code until} (a 429 answer's retry_after). */
  void pauseUntil(Instant until) {
    pausedUntil = max(pausedUntil, until);
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

  private static Duration untilOrZero(Instant now, Instant allowed) {
    return allowed.isAfter(now) ? Duration.between(now, allowed) : Duration.ZERO;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
