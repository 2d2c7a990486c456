package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.bot.Bot;
import org.storybot.bot.FakeBotApi;
import org.storybot.store.Postgres;

/**
 * Two {@code storybot bot} processes (the packaged jar) in webhook mode on one PostgreSQL, behind a
 * round-robin balancer on 127.0.0.1, with the fake Bot API posting updates to the balancer as
 * Telegram posts them (in order, again until one is accepted). One replica is killed with SIGKILL
 * mid-run; every question is still answered once, and each chat's in the order asked.
 */
class ReplicasIT {
  static final Path JAR = Path.of("target/storybot.jar");
  static final int CHATS = 100;
  static final int PER_CHAT = 10;
  static final String SECRET = "replicas-secret_token";

  // A dead replica's questions are taken over once their claim (3 min) runs out.
  static final Duration PATIENCE = Duration.ofMinutes(8);

  @TempDir Path dir;

  @Test
  void everyQuestionIsAnsweredOnceAndInOrderPerChatThoughAReplicaIsKilled() throws Exception {
    String database = Postgres.freshDatabase();
    try (FakeBotApi telegram = new FakeBotApi()) {
      int portA = freePort();
      int portB = freePort();
      try (Balancer balancer = new Balancer(List.of(portA, portB))) {
        Process a = replica(dir, "a", portA, balancer.url(), telegram, database);
        Process b = replica(dir, "b", portB, balancer.url(), telegram, database);
        try {
          awaitOrFail(() -> ready(portA) && ready(portB), List.of(a, b), "both replicas ready");
          awaitOrFail(
              () -> telegram.calls("setwebhook").size() >= 2, List.of(a, b), "both webhooks set");

          // Chat by chat, so that round robin sends each chat's questions to both replicas.
          Map<Long, List<Integer>> asked = new TreeMap<>();
          for (long chat = 1; chat <= CHATS; chat++) {
            for (int i = 0; i < PER_CHAT; i++) {
              int id =
                  telegram.message(
                      chat, "private", chat, "Question " + i + ": what did Kirby say about Iran?");
              asked.computeIfAbsent(chat, c -> new ArrayList<>()).add(id);
            }
          }
          // Telegram delivers some updates twice (it saw no 200 in time): answered once.
          HttpClient http = HttpClient.newHttpClient();
          for (int update = 1; update <= 20; update++) {
            assertThat(FakeBotApi.post(http, balancer.url(), SECRET, telegram.update(update)))
                .isEqualTo(200);
          }
          awaitOrFail(() -> answers(telegram).size() >= 300, List.of(a, b), "300 answers");
          a.destroyForcibly(); // SIGKILL: nothing flushed, nothing closed
          assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
          long deadAt = System.nanoTime(); // a request on its way may still land until now

          awaitOrFail(
              () -> answers(telegram).size() >= CHATS * PER_CHAT, List.of(b), "every answer");
          Thread.sleep(3_000); // a duplicate would show up now
          Map<Long, List<Integer>> answered = new TreeMap<>();
          Map<String, Long> firstSent = new HashMap<>();
          List<String> repeated = new ArrayList<>();
          for (FakeBotApi.Call c : answers(telegram)) {
            int message = c.params().path("reply_parameters").path("message_id").asInt();
            String key = c.chatId() + "/" + message;
            if (firstSent.putIfAbsent(key, c.atNanos()) != null) {
              repeated.add(key);
              continue;
            }
            answered.computeIfAbsent(c.chatId(), k -> new ArrayList<>()).add(message);
          }
          // Each question answered, and in each chat in the order asked: nothing lost.
          assertThat(answered).isEqualTo(asked);
          // Telegram has no idempotency key: an answer the killed replica had sent but not yet
          // marked (the milliseconds between Telegram's reply and the commit) goes again from the
          // replica that takes it over. Only those: sent before it died, one per answering thread
          // at most. Everything else, the re-delivered updates too, is answered exactly once.
          assertThat(repeated).hasSizeLessThanOrEqualTo(Bot.THREADS);
          for (String key : repeated) {
            assertThat(firstSent.get(key)).as("first answer to %s", key).isLessThan(deadAt);
          }
          // Within Telegram's limits for the bot as a whole: 30 a second, one a second to a chat.
          List<FakeBotApi.Call> sent = telegram.calls("sendmessage");
          assertThat(FakeBotApi.busiestSecond(sent)).isLessThanOrEqualTo(30);
          for (long chat = 1; chat <= CHATS; chat++) {
            long[] at = telegram.sent(chat).stream().mapToLong(FakeBotApi.Call::atNanos).toArray();
            java.util.Arrays.sort(at);
            for (int i = 1; i < at.length; i++) {
              assertThat(at[i] - at[i - 1]).as("chat %d", chat).isGreaterThan(900_000_000L);
            }
          }
          assertThat(FakeBotApi.post(HttpClient.newHttpClient(), balancer.url(), "wrong", "{}"))
              .isEqualTo(401);
        } finally {
          a.destroyForcibly();
          b.destroyForcibly();
          b.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The replies that answer a question (the first part of each answer quotes it). */
  static List<FakeBotApi.Call> answers(FakeBotApi telegram) {
    return telegram.calls("sendmessage").stream()
        .filter(c -> c.params().path("reply_parameters").has("message_id"))
        .toList();
  }

  /**
   * Starts replica {@code name} of the packaged jar in webhook mode, its home under {@code dir},
   * listening on {@code port} of 127.0.0.1, with {@code webhook} as the public URL.
   */
  static Process replica(
      Path dir, String name, int port, String webhook, FakeBotApi telegram, String database)
      throws IOException {
    Map<String, String> env = new HashMap<>(BotIT.storyHome(dir.resolve(name)));
    env.put("TELEGRAM_BOT_TOKEN", telegram.token());
    env.put("TELEGRAM_API_URL", telegram.url());
    env.put("STORYBOT_DATABASE_URL", database);
    env.put("STORYBOT_WEBHOOK_URL", webhook);
    env.put("STORYBOT_WEBHOOK_LISTEN", "127.0.0.1:" + port);
    env.put("STORYBOT_WEBHOOK_SECRET", SECRET);
    assertThat(JAR).as("the packaged jar (built by mvn package)").isRegularFile();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "bot")
            .redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("STORYBOT_") || k.startsWith("TELEGRAM_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  static boolean ready(int port) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitOrFail(BooleanSupplier done, List<Process> alive, String what)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!done.getAsBoolean()) {
      for (Process p : alive) {
        if (!p.isAlive()) throw new AssertionError("a replica ended before " + what + logs());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + what + " within " + PATIENCE + logs());
      }
      Thread.sleep(100);
    }
  }

  private String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("a", "b")) {
      Path log = dir.resolve(name + ".log");
      if (!Files.exists(log)) continue;
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      out.append("\n--- ").append(name).append(".log (last 40 lines)\n");
      lines
          .subList(Math.max(0, lines.size() - 40), lines.size())
          .forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * A round-robin HTTP balancer: each update goes to the next replica; when that one does not
   * answer 2xx (it is dead or not ready), to the other.
   */
  static final class Balancer implements AutoCloseable {
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Integer> ports;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    Balancer(List<Integer> ports) throws IOException {
      this.ports = List.copyOf(ports);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(threads);
      server.createContext("/", this::forward);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/telegram/updates";
    }

    private void forward(HttpExchange ex) throws IOException {
      try (ex) {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String secret = ex.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
        int first = Math.floorMod(next.getAndIncrement(), ports.size());
        int status = -1;
        for (int i = 0; i < ports.size() && status / 100 != 2; i++) {
          int port = ports.get((first + i) % ports.size());
          status =
              FakeBotApi.post(
                  http, "http://127.0.0.1:" + port + ex.getRequestURI().getPath(), secret, body);
          if (status / 100 == 4) break; // the replica refused the request itself: say so
        }
        ex.sendResponseHeaders(status > 0 ? status : 502, -1);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
