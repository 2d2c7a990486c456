package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.Conversations;
import org.storybot.answer.LlmStub;
import org.storybot.bot.FakeBotApi;
import org.storybot.bot.FakeBotApi.Call;
import org.storybot.bot.Metrics;
import org.storybot.bot.Replies;
import org.storybot.bot.TelegramHtml;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;

/**
 * Streamed answers in Telegram, end to end: the real bot and the real LangChain4j streaming client,
 * the model a stub on 127.0.0.1 writing one word every {@link #PACE} as server-sent events, and the
 * fake Bot API recording every {@code editMessageText} with the time it came.
 */
class StreamingBotIT {
  static final String QUESTION = "Is the US looking for a war with Iran?";
  static final String INVENTED = "Iran surrendered yesterday.";

  /** A word every 20 ms: a sentence about every 300 ms, faster than the drafts may be shown. */
  static final Duration PACE = Duration.ofMillis(20);

  /** Telegram's one message a second per chat, less what loopback and scheduling jitter take. */
  static final Duration ONE_A_SECOND = Duration.ofMillis(900);

  @TempDir static Path dir;
  static FakeBotApi telegram;
  static LlmStub llm;
  static Storybot storybot;
  static RunBotCommand.Running bot;

  @BeforeAll
  static void startTheBot() throws Exception {
    telegram = new FakeBotApi();
    llm = new LlmStub();
    Map<String, String> env = BotIT.env(dir, telegram);
    env.put("STORYBOT_LLM", "openai");
    env.put("STORYBOT_LLM_MODEL", "stub-model");
    env.put("OPENAI_BASE_URL", llm.openAiUrl());
    env.put("OPENAI_API_KEY", "sk-test-streaming-key");
    env.put("STORYBOT_LLM_RETRIES", "0");
    env.put("STORYBOT_LLM_TIMEOUT", "3s");
    env.put("STORYBOT_QUESTIONS_PER_MINUTE", "20");
    env.put("STORYBOT_PROMPTS", Path.of("prompts").toAbsolutePath().toString());
    storybot = new Storybot(Config.from(env), m -> {}, SharedEmbedder.get(), SharedRanker.get());
    bot = RunBotCommand.start(storybot, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (bot != null) bot.close(Duration.ofSeconds(5));
    if (storybot != null) storybot.close();
    if (llm != null) llm.close();
    if (telegram != null) telegram.close();
  }

  @BeforeEach
  void reset() {
    llm.replier = (request, auth) -> faithful(request, 8);
    llm.tokenMillis = PACE.toMillis();
    llm.cutAfter = -1;
    llm.stallAfter = -1;
  }

  /**
   * A reply quoting the first {@code n} sources verbatim, each cited, with an invented sentence (no
   * citation) after the first: about 15 words a sentence, so a few seconds at {@link #PACE}.
   */
  static String faithful(JsonNode request, int n) {
    String user = request.get("messages").get(1).get("content").asText();
    Matcher m = Pattern.compile("(?m)^\\[(\\d+)] (.*) \\(from \"").matcher(user);
    StringBuilder reply = new StringBuilder();
    for (int i = 0; i < n && m.find(); i++) {
      reply.append(m.group(2).replaceAll("[.!?\"”’]+$", "")).append(" [").append(m.group(1));
      reply.append("]. ");
      if (i == 0) reply.append(INVENTED).append(' ');
    }
    return reply.toString().strip();
  }

  /** The checked answer the same reply gets without streaming. */
  static Answer checked(String question) {
    return storybot.answerer().answer(question);
  }

  /** The messages the bot sends for the same reply without streaming (a fresh conversation). */
  static List<String> unstreamed(String question) {
    Replies replies =
        new Replies(
            storybot.index(),
            storybot.answerer(),
            new Conversations(storybot.answerer(), 6),
            null,
            Set.of(),
            url -> "",
            new Metrics());
    return replies.to(new Replies.Incoming(1, 1, false, false, question));
  }

  @Test
  void anAnswerGrowsInItsPlaceholderAtMostOnceASecondThenBecomesTheCheckedAnswer()
      throws Exception {
    long chat = 1101;
    int asked = telegram.message(chat, "private", chat, QUESTION);
    Call placeholder = telegram.awaitSent(chat, 1).getFirst();
    assertThat(placeholder.html()).isFalse();
    assertThat(placeholder.params().path("reply_parameters").path("message_id").asInt())
        .isEqualTo(asked);
    Call last = telegram.awaitFinalEdit(chat, telegram.messageIdOf(chat, 0));
    String answer = TelegramHtml.check(last.text());

    Answer expected = checked(QUESTION);
    assertThat(expected.citations()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(answer).isEqualTo(unstreamed(QUESTION).getFirst());
    assertThat(Replies.plain(answer)).startsWith(expected.text());
    assertThat(answer).contains("<b>Sources</b>", "<blockquote").doesNotContain("surrendered");
    List<Call> drafts = drafts(chat);
    assertThat(drafts).hasSizeGreaterThanOrEqualTo(2);
    for (Call d : drafts) {
      assertThat(d.text()).endsWith(" \u2026").doesNotContain("surrendered");
      assertThat(expected.text()).startsWith(d.text().substring(0, d.text().length() - 2));
    }
    assertThat(telegram.sent(chat)).hasSize(1); // everything else went into that one message
    assertSpacedAtLeast(ONE_A_SECOND, chat);
  }

  @Test
  void whenTheCheckLeavesNothingTheFinalEditIsTheAbstention() throws Exception {
    long chat = 1102;
    llm.replier = (request, auth) -> INVENTED + " The war is over. Everyone agrees.";
    telegram.message(chat, "private", chat, QUESTION);
    telegram.awaitSent(chat, 1);
    String answer = telegram.awaitFinalEdit(chat, telegram.messageIdOf(chat, 0)).text();
    assertThat(answer).startsWith("The articles I have don't say").doesNotContain("[1]");
    assertThat(drafts(chat)).isEmpty(); // nothing passed the check: the placeholder stayed
  }

  @Test
  void aStreamCutHalfWayEndsAsTheExtractiveAnswer() throws Exception {
    long chat = 1103;
    llm.cutAfter = 30;
    telegram.message(chat, "private", chat, QUESTION);
    telegram.awaitSent(chat, 1);
    String answer = telegram.awaitFinalEdit(chat, telegram.messageIdOf(chat, 0)).text();
    Answer extractive = new Answerer(storybot.index(), SharedRanker.get()).answer(QUESTION);
    assertThat(Replies.plain(TelegramHtml.check(answer))).startsWith(extractive.text());
  }

  @Test
  void a429OnADraftIsHonouredBySkippingDraftsNotByQueueingThem() throws Exception {
    long chat = 1104;
    telegram.failNext("editMessageText", 429, 2);
    telegram.message(chat, "private", chat, QUESTION);
    telegram.awaitSent(chat, 1);
    Call last = telegram.awaitFinalEdit(chat, telegram.messageIdOf(chat, 0));
    List<Call> edits = telegram.edits(chat);
    Call refused = edits.getFirst(); // the fake answered it 429, retry_after 2
    assertThat(refused.html()).isFalse();
    Call next = edits.get(1);
    assertThat(Duration.between(refused.at(), next.at())).isGreaterThan(Duration.ofMillis(1900));
    assertThat(edits).last().isEqualTo(last);
    assertThat(TelegramHtml.check(last.text())).contains("<b>Sources</b>");
    // never the refused draft again once newer text has come: each retry shows the newest
    for (int i = 1; i < edits.size() - 1; i++) {
      assertThat(edits.get(i).text()).isNotEqualTo(edits.get(i - 1).text());
    }
  }

  @Test
  void twoChatsStreamingAtOnceEachGetTheirOwnSecond() throws Exception {
    long a = 1105, b = 1106;
    telegram.message(a, "private", a, QUESTION);
    telegram.message(b, "private", b, QUESTION);
    telegram.awaitSent(a, 1);
    telegram.awaitSent(b, 1);
    Call lastA = telegram.awaitFinalEdit(a, telegram.messageIdOf(a, 0));
    Call lastB = telegram.awaitFinalEdit(b, telegram.messageIdOf(b, 0));
    assertThat(drafts(a)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(drafts(b)).hasSizeGreaterThanOrEqualTo(2);
    assertSpacedAtLeast(ONE_A_SECOND, a);
    assertSpacedAtLeast(ONE_A_SECOND, b);
    // neither waited for the other: the answers were finished within the per-chat second
    assertThat(Duration.between(lastA.at(), lastB.at()).abs()).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void groupsStreamTheSameWay() throws Exception {
    long group = -1201;
    telegram.message(group, "group", 1202, "/ask@" + FakeBotApi.USERNAME + " " + QUESTION);
    telegram.awaitSent(group, 1);
    String answer =
        TelegramHtml.check(telegram.awaitFinalEdit(group, telegram.messageIdOf(group, 0)).text());
    assertThat(answer).isEqualTo(unstreamed(QUESTION).getFirst());
    assertThat(drafts(group)).isNotEmpty();
    assertSpacedAtLeast(ONE_A_SECOND, group);
  }

  @Test
  void inlineAnswersAreNotStreamed() throws Exception {
    int before = telegram.calls("answerInlineQuery").size();
    int requests = llm.requests.size();
    telegram.inline(1301, QUESTION);
    Call inline = telegram.await(() -> telegram.calls("answerInlineQuery"), before + 1).getLast();
    assertThat(inline.params().toString()).contains("[1]").doesNotContain("surrendered");
    assertThat(llm.requests.subList(requests, llm.requests.size()))
        .isNotEmpty()
        .noneMatch(r -> r.path("stream").asBoolean());
    assertThat(telegram.edits(1301)).isEmpty();
  }

  @Test
  void aLongAnswerIsSplitAfterTheFinalEdit() throws Exception {
    long chat = 1107;
    llm.tokenMillis = 0;
    llm.replier = (request, auth) -> (faithful(request, 8) + " ").repeat(12).strip();
    List<String> expected = unstreamed(QUESTION);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
    telegram.message(chat, "private", chat, QUESTION);
    List<Call> sent = telegram.awaitSent(chat, expected.size());
    assertThat(telegram.awaitFinalEdit(chat, telegram.messageIdOf(chat, 0)).text())
        .isEqualTo(expected.getFirst());
    assertThat(sent.subList(1, sent.size()))
        .extracting(Call::text)
        .containsExactlyElementsOf(expected.subList(1, expected.size()));
    for (String html : expected) assertThat(TelegramHtml.check(html).length()).isLessThan(4097);
    assertThat(drafts(chat)).allSatisfy(d -> assertThat(d.text().length()).isLessThan(4097));
  }

  /** The draft edits of {@code chat}: plain text, before the final HTML one. */
  static List<Call> drafts(long chat) {
    return telegram.edits(chat).stream().filter(c -> !c.html()).toList();
  }

  /** Everything sent to {@code chat}, placeholder and edits, came at least {@code gap} apart. */
  static void assertSpacedAtLeast(Duration gap, long chat) {
    List<Instant> times = new ArrayList<>();
    times.add(telegram.sent(chat).getFirst().at());
    for (Call c : telegram.edits(chat)) times.add(c.at());
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 1), times.get(i)))
          .as("call %d to chat %d", i, chat)
          .isGreaterThanOrEqualTo(gap);
    }
  }
}
