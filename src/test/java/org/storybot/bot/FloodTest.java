package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FloodTest {
  static final class Ticking extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void warnsOnceThenDropsUntilTheMinuteHasPassed() {
    Ticking clock = new Ticking();
    Flood flood = new Flood(3, clock);
    for (int i = 0; i < 3; i++) assertThat(flood.check(1)).isEqualTo(Flood.Verdict.ALLOW);
    assertThat(flood.check(1)).isEqualTo(Flood.Verdict.WARN);
    assertThat(flood.check(1)).isEqualTo(Flood.Verdict.DROP);
    assertThat(flood.check(2)).isEqualTo(Flood.Verdict.ALLOW);
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    assertThat(flood.check(1)).isEqualTo(Flood.Verdict.ALLOW);
  }
}
