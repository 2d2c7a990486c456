package org.storybot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.storybot.answer.Answerer;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Ranker;
import org.storybot.rank.Squad;

/**
 * Runs every benchmark (speed and size on the story plus distractors, ReQA answer retrieval on
 * SQuAD, abstention on SQuAD 2.0, the dev question set) and returns the figures as a {@link
 * Report}. The quick mode runs the same code on a few hundred sentences, in seconds, so it cannot
 * rot. Not thread-safe: run one at a time (the timings would mix anyway).
 */
public final class Bench {
  /**
   * What to run on.
   *
   * @param quick the smoke run: small slices of every data set, few repetitions
   * @param datasets the shared datasets folder ({@code ../shared/datasets})
   * @param story the story's articles folder
   * @param devSet the dev question set ({@code src/test/resources/answer/dev-questions.jsonl})
   * @param jar the packaged jar for the start-up measurement, or {@code null} to launch from this
   *     JVM's class path
   * @param measured the folder where the ITs that need the test build write their rows ({@code
   *     target/bench}: replicas, sharing the send limit); rows not there are reported as not
   *     measured
   */
  public record Options(
      boolean quick, Path datasets, Path story, Path devSet, Path jar, Path measured) {}

  static final String BBC = "bbc-news-2225.jsonl";
  static final String SQUAD = "squad-dev-v1.1.json";
  static final List<String> SQUAD2 =
      List.of("squad2-dev-cs224n-half.json", "squad2-dev-subset.json");

  /**
   * Builds the LLM-backed answerer the streaming step times, over {@code index}, with an
   * OpenAI-compatible client of the stand-in model at {@code openAiBaseUrl} (the composition root
   * knows how clients are made).
   */
  @FunctionalInterface
  public interface Llm {
    Answerer answerer(StoryIndex index, String openAiBaseUrl);
  }

  private final Embedder embedder;
  private final Ranker ranker;
  private final Options options;
  private final Consumer<String> progress;
  private final Llm llm;

  /** Without the streaming step (its rows say so). */
  public Bench(Embedder embedder, Ranker ranker, Options options, Consumer<String> progress) {
    this(embedder, ranker, options, progress, null);
  }

  public Bench(
      Embedder embedder, Ranker ranker, Options options, Consumer<String> progress, Llm llm) {
    this.embedder = embedder;
    this.ranker = ranker;
    this.options = options;
    this.progress = progress;
    this.llm = llm;
  }

  /** Runs everything; throws {@link BenchException} when data is missing or a step fails. */
  public Report run() {
    Machine machine = Machine.now();
    Sizes sizes = options.quick() ? Sizes.QUICK : Sizes.FULL;
    Rows rows = new Rows();
    Path work = tempDir();
    try {
      Speeds.run(this, sizes, work, rows);
      streaming(sizes, rows);
      quality(sizes, rows);
      Measured.add(options.measured(), rows);
    } finally {
      delete(work);
    }
    return new Report(machine, Machine.currentLoad(), options.quick(), rows.rows(), rows.profile());
  }

  private void streaming(Sizes sizes, Rows rows) {
    if (llm == null) {
      String s = Streaming.SECTION;
      rows.add(new Row(s, s + ": not measured", Double.NaN, "n/a", "", "run `storybot bench`"));
      return;
    }
    progress("streamed against whole LLM answers (a stand-in model on 127.0.0.1)");
    List<String> questions =
        devQuestions().stream()
            .filter(DevQuestions.Question::answerable)
            .map(DevQuestions.Question::text)
            .limit(sizes.streamQuestions())
            .toList();
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      index.sync(story());
      Streaming.rows(Streaming.run(index, llm, questions), rows);
    }
  }

  private void quality(Sizes sizes, Rows rows) {
    progress("ReQA on " + SQUAD);
    Squad.Data squad = Squad.read(require(SQUAD), sizes.squadParagraphs());
    rows.reqa(Reqa.run(squad, embedder, sizes.squadQuestions()));
    progress("learned ranking on the test fold of " + SQUAD);
    Squad.Data all = Squad.read(require(SQUAD), Integer.MAX_VALUE).perTopic(sizes.perTopic());
    rows.testFold(SQUAD, TestFold.run(all, embedder, ranker, sizes.squadQuestions()));
    for (String file : SQUAD2) {
      Path path = options.datasets().resolve(file);
      if (!Files.isRegularFile(path)) {
        rows.missing("Abstention on " + file, path);
        continue;
      }
      progress("abstention on the test fold of " + file);
      Squad.Data data = Squad.read(path, Integer.MAX_VALUE).perTopic(sizes.perTopic());
      rows.testFold(file, TestFold.run(data, embedder, ranker, sizes.squad2Questions()));
    }
    progress("dev question set, story only");
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      index.sync(story());
      rows.devSet("story only", DevQuestions.score(new Answerer(index, ranker), devQuestions()));
    }
  }

  // --- shared by the steps ---

  Ranker ranker() {
    return ranker;
  }

  Embedder embedder() {
    return embedder;
  }

  Options options() {
    return options;
  }

  void progress(String step) {
    progress.accept(step);
  }

  List<DevQuestions.Question> devQuestions() {
    if (!Files.isRegularFile(options.devSet())) {
      throw new BenchException("no dev question set at " + options.devSet(), null);
    }
    return DevQuestions.load(options.devSet());
  }

  List<Article> story() {
    Articles.Batch batch = Articles.readAll(options.story());
    if (batch.articles().isEmpty()) {
      throw new BenchException("no story articles at " + options.story(), null);
    }
    return batch.articles();
  }

  Path require(String file) {
    Path path = options.datasets().resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new BenchException(
          "missing data set " + path + ": point --datasets at ../shared/datasets", null);
    }
    return path;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("storybot-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  /** How much of each data set a run uses. */
  record Sizes(
      int distractors,
      int squadParagraphs,
      int squadQuestions,
      int perTopic,
      int squad2Questions,
      int warmup,
      int reps,
      int startupRuns,
      int profileReps,
      int latencyQuestions,
      int streamQuestions) {
    static final Sizes FULL =
        new Sizes(
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            3,
            20,
            3,
            10,
            Integer.MAX_VALUE,
            20);
    static final Sizes QUICK = new Sizes(20, 40, 40, 1, 24, 1, 1, 1, 1, 12, 3);
  }

  /** Rows as they are added, plus the profile's lines. */
  static final class Rows {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> profile = new ArrayList<>();

    List<Row> rows() {
      return rows;
    }

    List<String> profile() {
      return profile;
    }

    void add(Row row) {
      rows.add(row);
    }

    void missing(String section, Path path) {
      rows.add(new Row(section, section + ": data set", Double.NaN, "n/a", "", "missing: " + path));
    }

    void reqa(Reqa.Result r) {
      Quality.reqa(r, rows);
    }

    void testFold(String file, TestFold.Result r) {
      Quality.testFold(file, r, rows);
    }

    void devSet(String corpus, DevQuestions.Score s) {
      Quality.devSet(corpus, s, rows);
    }
  }
}
