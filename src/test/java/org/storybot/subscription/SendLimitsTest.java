package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limits in simulated time: the clock moves only when the test moves it. */
class SendLimitsTest {
  private final FakeTime time = new FakeTime();
  private final SendLimits limits = new SendLimits(time, time);

  @Test
  void allowsThirtyInAnyOverallWindowOfOnePointTwoSeconds() {
    for (int i = 0; i < 30; i++) assertThat(limits.tryAcquire(i)).isZero();
    time.advance(Duration.ofMillis(400));
    assertThat(limits.tryAcquire(100)).isEqualTo(Duration.ofMillis(800));
    time.advance(Duration.ofMillis(800));
    assertThat(limits.tryAcquire(100)).isZero();
  }

  @Test
  void allowsOneASecondPerChat() {
    assertThat(limits.tryAcquire(7)).isZero();
    time.advance(Duration.ofMillis(250));
    assertThat(limits.chatWait(7)).isEqualTo(Duration.ofMillis(750));
    assertThat(limits.tryAcquire(7)).isEqualTo(Duration.ofMillis(750));
    assertThat(limits.chatWait(8)).isZero();
    time.advance(Duration.ofMillis(750));
    assertThat(limits.tryAcquire(7)).isZero();
  }

  @Test
  void allowsTwentyAMinutePerGroup() {
    for (int i = 0; i < 20; i++) {
      assertThat(limits.tryAcquire(-100)).isZero();
      time.advance(Duration.ofSeconds(1));
    }
    assertThat(limits.chatWait(-100)).isEqualTo(Duration.ofSeconds(40));
    time.advance(Duration.ofSeconds(40));
    assertThat(limits.chatWait(-100)).isZero();
  }

  @Test
  void holdsEverythingDuringARetryAfterPause() {
    limits.pause(Duration.ofSeconds(5));
    assertThat(limits.tryAcquire(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(limits.tryAcquireSpare(2)).isFalse();
    time.advance(Duration.ofSeconds(5));
    assertThat(limits.tryAcquire(1)).isZero();
  }

  @Test
  void acquireWaitsThroughTheSleeperThenCounts() throws Exception {
    assertThat(limits.tryAcquire(7)).isZero();
    limits.acquire(7);
    assertThat(time.slept()).isEqualTo(Duration.ofSeconds(1));
    assertThat(limits.chatWait(7)).isEqualTo(Duration.ofSeconds(1)); // counted when it went
  }

  @Test
  void acquireUnlessChatBusyGivesWayWhenTheChatHadAMessage() throws Exception {
    for (int i = 0; i < 30; i++) assertThat(limits.tryAcquire(i)).isZero();
    assertThat(limits.acquireUnlessChatBusy(3)).isFalse(); // chat 3 just had one: no waiting
    assertThat(time.slept()).isZero();
    assertThat(limits.acquireUnlessChatBusy(100)).isTrue(); // waits for the overall window
    assertThat(time.slept()).isEqualTo(SendLimits.OVERALL_WINDOW);
  }

  @Test
  void aChatAnotherReplicaSentToWaitsItsSecond() {
    limits.chatBusy(5);
    assertThat(limits.chatWait(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(limits.tryAcquire(6)).isZero(); // nothing counted overall
  }

  @Test
  void spareMessagesLeaveAThirdOfTheSecondAndHalfAGroupsMinute() {
    for (int i = 0; i < 20; i++) assertThat(limits.tryAcquire(i)).isZero();
    assertThat(limits.tryAcquireSpare(100)).isFalse();
    assertThat(limits.tryAcquire(101)).isZero(); // the ten left are for messages like this
    time.advance(SendLimits.OVERALL_WINDOW);
    for (int i = 0; i < 10; i++) {
      assertThat(limits.tryAcquireSpare(-5)).as("draft %d", i).isTrue();
      time.advance(Duration.ofSeconds(1));
    }
    assertThat(limits.tryAcquireSpare(-5)).isFalse();
    assertThat(limits.tryAcquire(-5)).isZero(); // the group's other half
  }
}
