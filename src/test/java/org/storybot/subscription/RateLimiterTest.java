package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final RateLimiter limiter = new RateLimiter();
  private final Instant t0 = Instant.parse("2024-04-15T08:00:00Z");

  @Test
  void allowsThirtyASecondOverall() {
    for (int i = 0; i < 30; i++) {
      assertThat(limiter.globalWait(t0)).isZero();
      limiter.record(i, t0);
    }
    assertThat(limiter.globalWait(t0.plusMillis(400))).isEqualTo(Duration.ofMillis(600));
    assertThat(limiter.globalWait(t0.plusSeconds(1))).isZero();
  }

  @Test
  void allowsOneASecondPerChat() {
    limiter.record(7, t0);
    assertThat(limiter.chatWait(7, t0.plusMillis(250))).isEqualTo(Duration.ofMillis(750));
    assertThat(limiter.chatWait(8, t0.plusMillis(250))).isZero();
    assertThat(limiter.chatWait(7, t0.plusSeconds(1))).isZero();
  }

  @Test
  void allowsTwentyAMinutePerGroup() {
    for (int i = 0; i < 20; i++) limiter.record(-100, t0.plusSeconds(i));
    assertThat(limiter.chatWait(-100, t0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
    assertThat(limiter.chatWait(-100, t0.plusSeconds(60))).isZero();
  }

  @Test
  void holdsEverythingDuringARetryAfterPause() {
    limiter.pauseUntil(t0.plusSeconds(5));
    assertThat(limiter.globalWait(t0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(limiter.globalWait(t0.plusSeconds(5))).isZero();
  }
}
