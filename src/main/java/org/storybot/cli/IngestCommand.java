package org.storybot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.storybot.article.Article;
import org.storybot.index.StoryIndex;
import org.storybot.ingest.FetchPolicy;
import org.storybot.ingest.Fetcher;
import org.storybot.ingest.IngestReport;
import org.storybot.ingest.Ingester;
import org.storybot.store.Database;
import org.storybot.subscription.SendLimits;
import org.storybot.subscription.Subscriptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code storybot ingest PATH|URL...}: adds articles from files, folders, JSONL corpora, web pages
 * and feeds. Exit code 65 when any source had a problem; the others are still ingested. With a
 * shared database ({@code STORYBOT_DATABASE_URL}), each new article is published to its article
 * table too, under the id the table gives it, so running replicas take it in, and announced to the
 * subscribers through the shared outbox, which the replicas drain.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Add articles from Markdown/text files, folders, JSONL corpora, web pages or RSS/Atom feeds.",
      "New articles are written into the articles folder and indexed; duplicates are skipped.",
      "With STORYBOT_DATABASE_URL set they are also published to the replicas' shared article"
          + " table, where every running replica picks them up, and announced to subscribers."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Corpus corpus;

  @Parameters(arity = "1..*", paramLabel = "PATH|URL", description = "What to ingest.")
  List<String> sources;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config config = corpus.config();
    if (Files.isRegularFile(config.articles())) {
      throw new ConfigException(
          "storybot ingest adds files to an articles folder, but "
              + config.articles()
              + " is a file: give a folder with --articles or STORYBOT_ARTICLES");
    }
    Files.createDirectories(config.articles());
    int added = 0, duplicates = 0, problems = 0;
    try (Storybot storybot = new Storybot(config, m -> err.println("storybot: " + m));
        // Replicas sharing PostgreSQL follow its article table: publish there, as the bot does.
        Database shared = config.databaseUrl() == null ? null : storybot.openDatabase();
        // ... and announce there: the digests go into the shared outbox, the replicas send them.
        Subscriptions announcer =
            shared == null
                ? null
                : new Subscriptions(
                    shared,
                    storybot.index(),
                    IngestCommand::notHere,
                    storybot.digestWriter(),
                    new SendLimits(Clock.systemUTC(), Thread::sleep), // sends nothing here
                    Clock.systemUTC(),
                    Thread::sleep);
        Fetcher fetcher =
            new Fetcher(FetchPolicy.defaults().withAllowPrivate(config.allowPrivateUrls()))) {
      StoryIndex index = storybot.index();
      Consumer<Article> announce = announcer == null ? a -> {} : announcer::onNewArticle;
      Ingester ingester =
          new Ingester(index, config.articles(), fetcher, Clock.systemUTC(), announce, shared);
      for (String source : sources) {
        ProgressBar bar = new ProgressBar(err);
        IngestReport r = ingester.ingest(source, bar);
        bar.finish();
        print(out, r);
        added += r.added().size();
        duplicates += r.duplicates().size();
        problems += r.problems().size();
      }
      out.printf(
          "%d added, %d duplicate%s, %d problem%s.%s%n",
          added,
          duplicates,
          duplicates == 1 ? "" : "s",
          problems,
          problems == 1 ? "" : "s",
          index.readOnly() && added > 0
              ? " The running bot holds the index: it will index and announce the new files."
              : "");
    }
    return problems == 0 ? Main.OK : Main.BAD_INPUT;
  }

  /** The command queues notifications and never starts a sender: the replicas send them. */
  private static void notHere(long chatId, String html) {
    throw new IllegalStateException("storybot ingest does not send notifications: the bot does");
  }

  private static void print(PrintWriter out, IngestReport r) {
    out.println(r.source() + ":");
    for (IngestReport.Added a : r.added()) {
      out.printf("  added      %s  %s%n", a.article().id(), a.article().title());
    }
    for (IngestReport.Duplicate d : r.duplicates()) {
      out.printf("  duplicate  %s  (%s as %s)%n", d.title(), d.reason(), d.duplicateOf());
    }
    for (IngestReport.Problem p : r.problems()) {
      out.printf("  problem    %s%n", p.origin().equals(r.source()) ? p.message() : p);
    }
    if (r.added().isEmpty() && r.duplicates().isEmpty() && r.problems().isEmpty()) {
      out.println("  nothing new");
    }
  }

  /** A one-line progress bar on stderr for sources with many articles. */
  private static final class ProgressBar implements Ingester.Progress {
    private static final int MIN_TOTAL = 10;
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private int shown = -1;

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void step(int done, int total) {
      if (total < MIN_TOTAL) return;
      int filled = done * WIDTH / total;
      if (filled == shown && done != total) return;
      shown = filled;
      err.printf("\r  [%s%s] %d/%d", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
      err.flush();
    }

    void finish() {
      if (shown >= 0) err.println();
    }
  }
}
