package org.storybot.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A simulated clock whose sleeper advances time instead of waiting. Thread-safe. */
final class FakeTime extends Clock implements Subscriptions.Sleeper {
  private Instant now = Instant.parse("2024-04-15T08:00:00Z");
  private Duration slept = Duration.ZERO;

  @Override
  public synchronized void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) throw new AssertionError("asked to sleep " + d);
    now = now.plus(d);
    slept = slept.plus(d);
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  synchronized Duration slept() {
    return slept;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
