package org.storybot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.storybot.answer.Answerer;
import org.storybot.answer.Prompts;
import org.storybot.bench.Bench;
import org.storybot.bench.Report;
import org.storybot.index.OnnxEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Ranker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code storybot bench}: measures speed, size and answer quality; writes docs/benchmarks.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark speed, size and answer quality and print a table.",
      "The full run takes minutes and writes docs/benchmarks.md; --quick is a smoke run of seconds."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--quick", description = "Smoke run on small slices of the data (seconds).")
  boolean quick;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the Markdown report here (default: docs/benchmarks.md, full runs only).")
  Path out;

  @Mixin Datasets datasets;

  @Option(
      names = "--articles",
      paramLabel = "DIR",
      description = "The story's articles (default: $STORYBOT_ARTICLES or index/articles).")
  Path articles;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config config = Config.from(System.getenv()).withPaths(articles, null);
    Path home = config.home();
    Path data = datasets.folder(config);
    Bench.Options options =
        new Bench.Options(
            quick,
            data,
            config.articles(),
            home.resolve("src/test/resources/answer/dev-questions.jsonl"),
            home.resolve("target/storybot.jar"),
            home.resolve("target/bench"));
    Report report;
    try (OnnxEmbedder embedder = OnnxEmbedder.miniLm();
        Ranker ranker = Ranker.shipped()) {
      report =
          new Bench(
                  embedder,
                  ranker,
                  options,
                  step -> err.println("bench: " + step),
                  (index, url) -> standIn(config, index, ranker, url))
              .run();
    }
    stdout.print(report.table());
    Path file = out != null ? out : quick ? null : home.resolve("docs/benchmarks.md");
    if (file != null) {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Files.writeString(file, report.markdown());
      stdout.println("Wrote " + file);
    }
    stdout.flush();
    return Main.OK;
  }

  /**
   * The answerer {@code storybot bot} would build for an OpenAI-compatible server at {@code url},
   * with the configured prompts: the streaming step's model is a stand-in, the rest is real.
   */
  private static Answerer standIn(Config config, StoryIndex index, Ranker ranker, String url) {
    Config c =
        Config.from(
            Map.of(
                "STORYBOT_HOME", config.home().toString(),
                "STORYBOT_LLM", "openai",
                "STORYBOT_LLM_MODEL", "paced",
                "OPENAI_BASE_URL", url,
                "OPENAI_API_KEY", "not-needed",
                "STORYBOT_LLM_RETRIES", "0"));
    return new Answerer(
        index,
        ranker,
        Models.chatModel(c),
        Models.streamingChatModel(c),
        Prompts.load(config.prompts()),
        c.llmTimeout());
  }
}
