package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.subscription.SendLimits;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The send budget of answers and draft edits, in the limits shared with the digests, in simulated
 * time: a hand-written client records what goes out (and answers a 429 when told to), the clock
 * moves only when the test moves it.
 */
class OutgoingTest {
  Instant now = Instant.parse("2026-11-30T00:00:00Z");
  final List<Object> sent = new ArrayList<>();
  Integer refuseWithRetryAfter;

  final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  final TelegramClient client =
      (TelegramClient)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {TelegramClient.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("execute")) throw new UnsupportedOperationException();
                if (refuseWithRetryAfter != null) {
                  ResponseParameters p = new ResponseParameters(null, refuseWithRetryAfter);
                  refuseWithRetryAfter = null;
                  throw new TelegramApiRequestException(
                      "Too Many Requests",
                      new ApiResponse<>(false, 429, "Too Many Requests", p, null));
                }
                sent.add(args[0]);
                Message m = new Message();
                m.setMessageId(sent.size());
                return m;
              });

  Duration slept = Duration.ZERO;

  /** The process's limits, as the digests' sender would share them; waiting moves the clock. */
  final SendLimits limits =
      new SendLimits(
          clock,
          d -> {
            slept = slept.plus(d);
            now = now.plus(d);
          });

  final Outgoing out = new Outgoing(client, "123:token", new Metrics(), limits);

  void after(long millis) {
    now = now.plusMillis(millis);
  }

  @Test
  void aDraftWaitsForTheChatsSecondAndIsSkippedMeanwhile() throws Exception {
    int id = out.placeholder(7, "Writing\u2026", 1);
    after(500);
    assertThat(out.tryEdit(7, id, "Kirby said no [1]. \u2026")).isFalse();
    assertThat(sent).hasSize(1); // skipped, not queued
    after(500);
    assertThat(out.tryEdit(7, id, "Kirby said no [1]. \u2026")).isTrue();
    assertThat(sent).last().isInstanceOf(EditMessageText.class);
    assertThat(((EditMessageText) sent.getLast()).getParseMode()).isNull();
    assertThat(out.tryEdit(8, 1, "another chat has its own second \u2026")).isTrue();
  }

  @Test
  void a429OnADraftSkipsEveryDraftUntilItsRetryAfter() throws Exception {
    int id = out.placeholder(7, "Writing\u2026", 1);
    after(1000);
    refuseWithRetryAfter = 3;
    assertThat(out.tryEdit(7, id, "one \u2026")).isFalse();
    for (int s = 1; s <= 2; s++) {
      after(1000);
      assertThat(out.tryEdit(7, id, "draft " + s + " \u2026")).as("after %d s", s).isFalse();
      assertThat(out.tryEdit(9, 1, "other chat " + s + " \u2026")).isFalse(); // Telegram said so
    }
    assertThat(sent).hasSize(1);
    after(1000);
    assertThat(out.tryEdit(7, id, "newest \u2026")).isTrue();
    assertThat(((EditMessageText) sent.getLast()).getText()).isEqualTo("newest \u2026");
  }

  @Test
  void draftsLeaveAThirdOfTheOverallWindowToRealMessages() throws Exception {
    for (long chat = 1; chat <= 20; chat++) out.placeholder(chat, "Writing\u2026", null);
    after(1199); // the 30 a second are counted over 1.2 s
    assertThat(out.tryEdit(100, 1, "a draft \u2026")).isFalse();
    assertThat(out.reply(101, "a real message", null)).isTrue(); // the ten left are for these
    after(2);
    assertThat(out.tryEdit(100, 1, "a draft \u2026")).isTrue();
  }

  @Test
  void draftsTakeAtMostHalfOfAGroupsMinute() throws Exception {
    long group = -5;
    for (int i = 0; i < 10; i++) {
      assertThat(out.tryEdit(group, 1, "draft " + i + " \u2026")).isTrue();
      after(1000);
    }
    assertThat(out.tryEdit(group, 1, "one too many \u2026")).isFalse();
    assertThat(out.edit(group, 1, "<b>the final answer</b>")).isTrue();
    assertThat(sent.getLast()).isInstanceOf(EditMessageText.class);
    after(Duration.ofMinutes(1).toMillis());
    assertThat(out.tryEdit(group, 1, "a new minute \u2026")).isTrue();
    assertThat(sent.stream().filter(SendMessage.class::isInstance)).isEmpty();
  }

  @Test
  void messagesCountedByAnotherSenderLeaveDraftsNoRoom() throws Exception {
    for (long chat = 1; chat <= 20; chat++) limits.acquire(chat); // twenty digests
    assertThat(out.tryEdit(100, 1, "a draft \u2026")).isFalse();
    assertThat(out.reply(100, "an answer", null)).isTrue();
    assertThat(sent).hasSize(1);
    after(1200);
    assertThat(out.tryEdit(100, 1, "a draft \u2026")).isTrue();
  }

  @Test
  void anAnswerWaitsForTheChatsSecondWhenADigestWentToItFirst() throws Exception {
    limits.acquire(7); // a digest to chat 7
    after(300);
    assertThat(out.reply(7, "an answer", null)).isTrue();
    assertThat(slept).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void a429OnADraftPausesTheDigestsToo() throws Exception {
    refuseWithRetryAfter = 3;
    assertThat(out.tryEdit(7, 1, "a draft \u2026")).isFalse();
    limits.acquire(99); // the digests' sender, to another chat
    assertThat(slept).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a429OnAnAnswerIsWaitedOutThenItIsSentAgain() throws Exception {
    refuseWithRetryAfter = 2;
    assertThat(out.reply(7, "an answer", null)).isTrue();
    assertThat(sent).hasSize(1);
    assertThat(slept).isEqualTo(Duration.ofSeconds(2));
  }
}
