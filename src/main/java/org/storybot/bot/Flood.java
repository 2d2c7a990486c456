package org.storybot.bot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Flood control per user: at most {@code perMinute} questions in any minute. The first question
 * over the limit gets one polite warning; the rest of the minute is dropped silently.
 */
final class Flood {
  enum Verdict {
    ALLOW,
    WARN,
    DROP
  }

  private static final Duration WINDOW = Duration.ofMinutes(1);
  private final int perMinute;
  private final Clock clock;
  private final Map<Long, Deque<Instant>> recent = new HashMap<>();
  private final Map<Long, Instant> warned = new HashMap<>();

  Flood(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  synchronized Verdict check(long userId) {
    Instant now = clock.instant();
    Deque<Instant> times = recent.computeIfAbsent(userId, k -> new ArrayDeque<>());
    while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) times.removeFirst();
    if (times.size() < perMinute) {
      times.addLast(now);
      warned.remove(userId);
      return Verdict.ALLOW;
    }
    Instant w = warned.get(userId);
    if (w != null && w.plus(WINDOW).isAfter(now)) return Verdict.DROP;
    warned.put(userId, now);
    return Verdict.WARN;
  }
}
