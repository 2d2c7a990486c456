package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.bench.Row;
import org.storybot.bot.FakeBotApi;
import org.storybot.store.Postgres;

/**
 * The benchmark's replicas row: answers a second from one and from two {@code storybot bot}
 * processes (the packaged jar) in webhook mode on one PostgreSQL, behind the round-robin balancer
 * of {@link ReplicasIT}, with the fake Bot API taking every message at once (Telegram's rate limit
 * lifted: the ceiling is the bot's own send budget). Its parts come with the test build only, so it
 * writes its rows to {@code target/bench/replicas.tsv}, where {@code storybot bench} reads them.
 */
class ReplicasBenchIT {
  static final Path OUT = Path.of("target/bench/replicas.tsv");
  static final String SECTION =
      "Replicas (webhook mode, one PostgreSQL, the fake Bot API's rate limit lifted)";
  static final int CHATS = 100;
  static final int PER_CHAT = 5;
  static final Duration PATIENCE = Duration.ofMinutes(5);

  @TempDir Path dir;

  /** One timed run: how many replicas, answers a second, the most messages in any one second. */
  record Run(int replicas, double perSecond, int busiestSecond) {}

  @Test
  void oneAndTwoReplicasAnswerEveryQuestionWithinTelegramsLimits() throws Exception {
    Run one = run(1);
    Run two = run(2);
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Row> rows = new ArrayList<>();
    for (Run r : List.of(one, two)) {
      String who = r.replicas() == 1 ? "One replica" : "Two replicas";
      rows.add(
          Row.of(
              SECTION,
              who + ": answers a second",
              r.perSecond(),
              "answers/s",
              "Telegram's ceiling: 30 messages/s",
              CHATS * PER_CHAT
                  + " questions from "
                  + CHATS
                  + " chats, from the first question posted to the last answer; the replicas"
                  + " share this machine's "
                  + Runtime.getRuntime().availableProcessors()
                  + " cores (load average "
                  + String.format("%.1f", load)
                  + " at the end)"));
      rows.add(
          Row.of(
              SECTION,
              who + ": most messages in one second",
              r.busiestSecond(),
              "",
              "cap 30",
              "the shared budget allows 25 a second"));
    }
    Files.createDirectories(OUT.getParent());
    Files.write(OUT, rows.stream().map(Row::tsv).toList(), StandardCharsets.UTF_8);
    System.out.println(one + "\n" + two);
    for (Run r : List.of(one, two)) {
      assertThat(r.perSecond()).isPositive();
      assertThat(r.busiestSecond()).isLessThanOrEqualTo(30);
    }
  }

  private Run run(int replicas) throws Exception {
    String database = Postgres.freshDatabase();
    try (FakeBotApi telegram = new FakeBotApi()) {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < replicas; i++) ports.add(ReplicasIT.freePort());
      try (ReplicasIT.Balancer balancer = new ReplicasIT.Balancer(ports)) {
        List<Process> running = new ArrayList<>();
        try {
          for (int i = 0; i < replicas; i++) {
            running.add(
                ReplicasIT.replica(
                    dir, replicas + "-" + i, ports.get(i), balancer.url(), telegram, database));
          }
          await(() -> ports.stream().allMatch(ReplicasIT::ready), running, "replicas ready");
          await(() -> telegram.calls("setwebhook").size() >= replicas, running, "webhooks set");
          // One question to each replica first: loading classes and models is not a figure.
          for (int i = 0; i < replicas; i++) {
            telegram.message(10_000 + i, "private", 10_000 + i, "What did Kirby say about Iran?");
          }
          await(() -> answered(telegram) >= replicas, running, "the warm-up answers");

          // Round by round, as many chats asking at once do: a chat's next question comes a hundred
          // later, so the figure is the replicas' pace, not one chat's order or its second apart.
          long start = System.nanoTime();
          for (int i = 0; i < PER_CHAT; i++) {
            for (long chat = 1; chat <= CHATS; chat++) {
              telegram.message(chat, "private", chat, "Question " + i + ": what did Kirby say?");
            }
          }
          int all = replicas + CHATS * PER_CHAT;
          await(() -> answered(telegram) >= all, running, "every answer");
          long last =
              ReplicasIT.answers(telegram).stream()
                  .mapToLong(FakeBotApi.Call::atNanos)
                  .max()
                  .orElseThrow();
          assertThat(answered(telegram)).isEqualTo(all); // none twice
          double seconds = (last - start) / 1e9;
          return new Run(
              replicas,
              CHATS * PER_CHAT / seconds,
              FakeBotApi.busiestSecond(telegram.calls("sendmessage")));
        } finally {
          for (Process p : running) p.destroy();
          for (Process p : running) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
          }
        }
      }
    }
  }

  private static int answered(FakeBotApi telegram) {
    return ReplicasIT.answers(telegram).size();
  }

  private static void await(BooleanSupplier done, List<Process> running, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      for (Process p : running) {
        if (!p.isAlive()) throw new AssertionError("a replica ended before " + what);
      }
      if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " in " + PATIENCE);
      Thread.sleep(50);
    }
  }
}
