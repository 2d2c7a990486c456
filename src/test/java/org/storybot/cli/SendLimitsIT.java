package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.bot.FakeBotApi;
import org.storybot.bot.FakeBotApi.Call;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;

/**
 * One bot process on SQLite, wired as {@code storybot bot} wires it, against the fake Bot API over
 * HTTP: a digest broadcast to many subscribers while many chats ask questions. Telegram's limits
 * hold for the two together, as the fake measures them when the requests arrive.
 */
class SendLimitsIT {
  static final int SUBSCRIBERS = 300;
  static final int ASKING = 150; // of the subscribers, those that also ask a question

  /** Telegram's one message a second per chat, less what loopback and scheduling jitter take. */
  static final long ONE_A_SECOND_NANOS = 900_000_000L;

  @TempDir Path dir;

  @Test
  void aBroadcastAndAnswersAtOnceStayWithinThirtyMessagesInAnySecond() throws Exception {
    try (FakeBotApi telegram = new FakeBotApi()) {
      Map<String, String> env = BotIT.env(dir, telegram);
      Storybot storybot =
          new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get());
      RunBotCommand.Running bot = RunBotCommand.start(storybot, Clock.systemUTC());
      try {
        for (long chat = 1; chat <= SUBSCRIBERS; chat++) {
          telegram.message(chat, "private", chat, "/subscribe");
        }
        telegram.await(() -> telegram.calls("sendMessage"), SUBSCRIBERS);

        String url = telegram.page("/news/israel-weighs-response.html", BotIT.articlePage());
        telegram.message(FakeBotApi.ADMIN, "private", FakeBotApi.ADMIN, "/add " + url);
        telegram.await(() -> digests(telegram), 1); // the broadcast has begun
        Map<Long, Integer> asked = new HashMap<>();
        for (long chat = 1; chat <= ASKING; chat++) {
          asked.put(chat, telegram.message(chat, "private", chat, BotIT.QUESTION));
        }
        telegram.await(() -> digests(telegram), SUBSCRIBERS);
        List<Call> answers = telegram.await(() -> answers(telegram, asked), ASKING);

        List<Call> digests = digests(telegram);
        assertThat(digests.size()).isEqualTo(SUBSCRIBERS);
        assertThat(answers.size()).isEqualTo(ASKING);
        // The two did run at once: most answers went out while the broadcast was going out.
        long from = digests.getFirst().atNanos();
        long to = digests.getLast().atNanos();
        assertThat(answers.stream().filter(a -> a.atNanos() > from && a.atNanos() < to).count())
            .isGreaterThan(ASKING / 2);

        List<Call> messages = new ArrayList<>(telegram.calls("sendMessage"));
        messages.addAll(telegram.calls("editMessageText"));
        assertThat(FakeBotApi.busiestSecond(messages))
            .as("messages that reached Telegram in the busiest second")
            .isLessThanOrEqualTo(30);
        for (long chat = 1; chat <= ASKING; chat++) {
          long[] at = telegram.sent(chat).stream().mapToLong(Call::atNanos).sorted().toArray();
          assertThat(at.length).as("chat %d", chat).isEqualTo(3); // confirmation, digest, answer
          for (int i = 1; i < at.length; i++) {
            assertThat(at[i] - at[i - 1]).as("chat %d", chat).isGreaterThan(ONE_A_SECOND_NANOS);
          }
        }
      } finally {
        bot.close(Duration.ofSeconds(5));
        storybot.close();
      }
    }
  }

  /** The digests of the new article, in the order they arrived. */
  static List<Call> digests(FakeBotApi telegram) {
    return telegram.calls("sendMessage").stream()
        .filter(c -> c.chatId() != FakeBotApi.ADMIN && c.text().contains("Israel weighs"))
        .toList();
  }

  /** The answers to the questions {@code asked} (chat to message id), in the order they arrived. */
  static List<Call> answers(FakeBotApi telegram, Map<Long, Integer> asked) {
    return telegram.calls("sendMessage").stream()
        .filter(
            c -> {
              Integer question = asked.get(c.chatId());
              return question != null
                  && c.params().path("reply_parameters").path("message_id").asInt() == question;
            })
        .toList();
  }
}
