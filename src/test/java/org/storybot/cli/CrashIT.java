package org.storybot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.bot.FakeBotApi;
import org.storybot.index.ArticleInfo;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

/**
 * {@code kill -9} for real: a separate {@code storybot} process (the packaged jar) is killed with
 * SIGKILL while it ingests, then run again. Nothing half-written, nothing indexed or announced
 * twice, and the work simply completes on the next run.
 */
class CrashIT {
  static final Path JAR = Path.of("target/storybot.jar");
  static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path home;

  @Test
  void aKilledIngestLeavesNoHalfArticleAndCanSimplyRunAgain() throws Exception {
    int n = 300;
    Path corpus = home.resolve("corpus.jsonl");
    List<String> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < n; i++) {
      ObjectNode o = json.createObjectNode();
      o.put("id", "c" + i);
      o.put("title", "Crash corpus article " + i);
      o.put("url", "https://news.example.com/crash/" + i);
      o.put("text", body(i));
      lines.add(json.writeValueAsString(o));
    }
    Files.write(corpus, lines);
    Map<String, String> env = BotIT.storyHome(home);
    Path articles = Path.of(env.get("STORYBOT_ARTICLES"));
    int seed = articleFiles(articles).size();

    Process first = storybot(env, "first", "ingest", corpus.toString());
    awaitOrFail(() -> articleFiles(articles).size() >= seed + 40, first, "40 articles written");
    kill(first);

    // Every article file that is visible is whole (written to a hidden file, then renamed).
    Articles.Batch afterKill = Articles.readAll(articles);
    assertThat(afterKill.problems()).isEmpty();
    int written = afterKill.articles().size() - seed;
    assertThat(written).isBetween(40, n - 1);

    Process second = storybot(env, "second", "ingest", corpus.toString());
    assertThat(second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String out = output(second, "second");
    assertThat(second.exitValue()).as(out).isZero();
    assertThat(out).contains((n - written) + " added, " + written + " duplicates, 0 problems.");

    List<Article> all = Articles.readAll(articles).articles();
    assertThat(all).hasSize(seed + n);
    assertThat(all.stream().map(Article::title).distinct()).hasSize(seed + n);
    try (StoryIndex index = StoryIndex.open(home.resolve("lucene"), SharedEmbedder.get())) {
      List<ArticleInfo> indexed = index.articles();
      assertThat(indexed).hasSize(seed + n);
      assertThat(indexed.stream().map(ArticleInfo::title).distinct()).hasSize(seed + n);
      // The article written last before the kill and the last of the corpus answer questions.
      for (int i : new int[] {written - 1, n - 1}) {
        assertThat(index.search("What did the harbour master number " + i + " report?", 1))
            .first()
            .satisfies(h -> assertThat(h.sentence().text()).contains("number " + i + " "));
      }
    }
  }

  @Test
  void aBotKilledWhilePollingAFeedAnnouncesEachArticleOnceAfterRestart() throws Exception {
    int n = 16;
    long chat = 301;
    try (FakeBotApi telegram = new FakeBotApi()) {
      StringBuilder rss =
          new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
      rss.append("<title>Crash feed</title><link>").append(telegram.url()).append("</link>");
      for (int i = 0; i < n; i++) {
        String title = "Feed article " + i + " about the harbour";
        String page =
            "<html><head><title>"
                + title
                + "</title></head><body><article><h1>"
                + title
                + "</h1><p>"
                + body(i).replace("\n\n", "</p><p>")
                + "</p></article></body></html>";
        String link = telegram.page("/news/" + i, page);
        rss.append("<item><title>")
            .append(title)
            .append("</title><link>")
            .append(link)
            .append("</link></item>");
      }
      String feed = telegram.page("/feed.xml", rss.append("</channel></rss>").toString());
      Map<String, String> env = BotIT.storyHome(home);
      env.put("TELEGRAM_BOT_TOKEN", telegram.token());
      env.put("TELEGRAM_API_URL", telegram.url());
      env.put("STORYBOT_ALLOW_PRIVATE_URLS", "true");
      Path articles = Path.of(env.get("STORYBOT_ARTICLES"));
      int seed = articleFiles(articles).size();

      // A first run without the feed: the chat subscribes.
      Process bot = storybot(env, "bot-1", "bot");
      telegram.message(chat, "private", chat, "/subscribe");
      awaitOrFail(() -> !telegram.sent(chat).isEmpty(), bot, "the reply to /subscribe");
      assertThat(telegram.sent(chat).getFirst().text()).startsWith("Subscribed");
      kill(bot);

      // With the feed: killed once a few of its articles are in.
      env.put("STORYBOT_FEEDS", feed);
      bot = storybot(env, "bot-2", "bot");
      awaitOrFail(() -> articleFiles(articles).size() >= seed + 3, bot, "3 feed articles");
      kill(bot);
      assertThat(Articles.readAll(articles).problems()).isEmpty();

      bot = storybot(env, "bot-3", "bot");
      try {
        awaitOrFail(() -> titlesSent(telegram, chat).size() >= n, bot, "every digest");
        // Give a duplicate time to show up, were there one.
        Thread.sleep(3_000);
      } finally {
        kill(bot);
      }
      Map<String, Long> sent =
          titlesSent(telegram, chat).stream()
              .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
      assertThat(sent).hasSize(n);
      assertThat(sent.values()).containsOnly(1L);
      assertThat(articleFiles(articles)).hasSize(seed + n);
    }
  }

  /** The titles of the digests sent to {@code chat}, one per digest message. */
  private static List<String> titlesSent(FakeBotApi telegram, long chat) {
    Pattern title = Pattern.compile("Feed article \\d+ about the harbour");
    List<String> titles = new ArrayList<>();
    for (FakeBotApi.Call c : telegram.sent(chat)) {
      Matcher m = title.matcher(c.text());
      if (m.find()) titles.add(m.group());
    }
    return titles;
  }

  /** A few sentences that only article {@code i} has. */
  private static String body(int i) {
    return "The harbour master number "
        + i
        + " reported that ship "
        + i
        + " arrived late on Tuesday.\n\n"
        + "Officials said cargo batch "
        + (1000 + i)
        + " was inspected twice before it was released.\n\n"
        + "Dock workers in district "
        + i
        + " said the weather had delayed everything by several hours.";
  }

  /** Starts the packaged jar as its own process, output to a log file under the home folder. */
  private Process storybot(Map<String, String> env, String name, String... args)
      throws IOException {
    assertThat(JAR).as("the packaged jar (built by mvn package)").isRegularFile();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(home.resolve(name + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("STORYBOT_") || k.startsWith("TELEGRAM_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  private String output(Process p, String name) throws IOException {
    return Files.readString(home.resolve(name + ".log"), StandardCharsets.UTF_8);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private void awaitOrFail(BooleanSupplier done, Process p, String what) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!done.getAsBoolean()) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "the process ended (exit " + p.exitValue() + ") before " + what + ":\n" + tail(p));
      }
      if (Instant.now().isAfter(deadline)) {
        p.destroyForcibly();
        throw new AssertionError("no " + what + " within " + PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  private String tail(Process p) throws IOException {
    try (Stream<Path> logs = Files.list(home)) {
      return logs.filter(f -> f.toString().endsWith(".log"))
          .map(
              f -> {
                try {
                  return f.getFileName() + ":\n" + Files.readString(f);
                } catch (IOException e) {
                  return f + ": " + e;
                }
              })
          .collect(Collectors.joining("\n"));
    }
  }

  private static List<Path> articleFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Articles::isArticleFile).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
