package org.storybot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.storybot.index.OnnxEmbedder;
import org.storybot.rank.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code storybot train}: rebuilds the ranking models from the labelled data sets. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild the answer ranking and abstention models from the shared data sets and print their"
            + " held-out figures. Deterministic (seeded).")
final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Datasets datasets;

  @Option(
      names = "--cross-encoder-pairs",
      paramLabel = "FILE",
      description =
          "Only write the cross-encoder's training pairs (for tools/train-cross-encoder).")
  Path pairs;

  @Option(
      names = "--edited",
      description =
          "With --cross-encoder-pairs: also write questions made unanswerable by swapping one"
              + " number or name they share with their answer (kind \"edited\").")
  boolean edited;

  @Option(
      names = "--per-topic",
      paramLabel = "N",
      description = "Read at most N paragraphs of each data set (a small slice, for tests).")
  int perTopic = Integer.MAX_VALUE;

  @Option(names = "--first-stage-only", description = "Train and report the first stage alone.")
  boolean firstStageOnly;

  @Option(names = "--no-news", negatable = true, description = "Also ask questions among BBC news.")
  boolean news = true;

  @Option(names = "--max-news", paramLabel = "N", description = "At most N BBC articles.")
  int maxNews = Integer.MAX_VALUE;

  @Option(
      names = "--cross-encoder",
      paramLabel = "FILE",
      description = "The cross-encoder (ONNX) to use (default: the shipped one).")
  Path crossEncoder;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write the models here (default: the project's src/main/resources, shipped).")
  Path out;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description =
          "Keep everything before the second stage learns (features, first stage, cross-encoder"
              + " scores) in FILE, and reuse it when it exists: for experiments with the second"
              + " stage and the abstention model. With another cross-encoder its scores are"
              + " computed again (and kept); delete FILE when the features or the datasets change.")
  Path log;

  static final String SHIPPED = "src/main/resources/org/storybot/rank";

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Config config = Config.from(System.getenv());
    Path data = datasets.folder(config);
    try (OnnxEmbedder embedder = OnnxEmbedder.miniLm()) {
      long start = System.nanoTime();
      Training training =
          new Training(
              embedder,
              step -> err.printf("train: [%4.0f s] %s%n", (System.nanoTime() - start) / 1e9, step));
      if (pairs != null) {
        training.writeCrossEncoderPairs(data, pairs, perTopic, edited);
        spec.commandLine().getOut().println("Wrote " + pairs);
      } else if (firstStageOnly) {
        var options = new Training.Options(data, perTopic, news, maxNews, crossEncoder, log);
        spec.commandLine().getOut().print(training.firstStage(options));
        spec.commandLine().getOut().flush();
      } else {
        var options = new Training.Options(data, perTopic, news, maxNews, crossEncoder, log);
        Path dir = out != null ? out : config.home().resolve(SHIPPED);
        var report = training.train(options, dir);
        var stdout = spec.commandLine().getOut();
        stdout.print(report.table());
        stdout.println("Wrote the models to " + dir);
        stdout.flush();
      }
    }
    return Main.OK;
  }
}
