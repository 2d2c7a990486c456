package org.storybot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.storybot.answer.Answerer;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.StoryIndex;

/**
 * The speed and size steps on the story plus the BBC distractors: build, start-up, latency,
 * throughput, heap, the dev set on the big index, and a profile of the answer path.
 */
final class Speeds {
  static final String SPEED = "Speed and size";
  static final String LATENCY = "Query latency (warm, story + distractors index)";

  /**
   * Issue 10's goals for the whole answer with every model in its path: p95 within 60 ms, and two
   * cores keeping up with the 30 messages a second Telegram lets a bot send.
   */
  static final double ANSWER_P95_GOAL_MS = 60;

  static final double THROUGHPUT_GOAL = 30;

  private Speeds() {}

  static void run(Bench bench, Bench.Sizes sizes, Path work, Bench.Rows rows) {
    bench.progress("writing the story + distractors corpus");
    Path corpus = corpus(bench, sizes, work.resolve("corpus"));
    Articles.Batch batch = Articles.readAll(corpus);
    List<Article> articles = batch.articles();
    int story = bench.story().size();
    String what =
        String.format("%d story article(s) + %d BBC distractors", story, articles.size() - story);

    bench.progress("building the index: " + what);
    Path indexDir = work.resolve("index");
    Build.Result b = Build.run(articles, indexDir, bench.embedder());
    rows.add(
        Row.of(
            SPEED,
            "Index build time",
            b.seconds(),
            "s",
            "",
            String.format(
                "%s, %,d sentences, with embeddings; %.0f %% of it inside the embedding model",
                what, b.sentences(), 100 * b.embedSeconds() / b.seconds())));
    rows.add(
        Row.of(
            SPEED,
            "Indexing rate",
            b.sentencesPerSecond(),
            "sentences/s",
            Row.goal("goal >= 500", b.sentencesPerSecond() >= 500),
            ""));
    rows.add(Row.of(SPEED, "Index size on disk", b.diskBytes() / 1e6, "MB", "", ""));
    rows.add(
        Row.of(SPEED, "Heap after build", b.heapBytes() / 1e6, "MB", "", "used, after a full GC"));

    List<DevQuestions.Question> dev = bench.devQuestions();
    String first = dev.getFirst().text();
    Path jar = bench.options().jar();
    if (jar != null && !Files.isRegularFile(jar)) jar = null;
    String how =
        jar == null
            ? "launched from the class path (no jar)"
            : "java -jar "
                + jar.getFileName()
                + (Startup.cached(jar) ? ", from the JDK's AOT cache as ./storybot starts" : "");
    bench.progress("start to first answer (" + sizes.startupRuns() + " runs each)");
    double indexOnly =
        Startup.millis(
            jar, indexDir, work.resolve("no-articles"), work, first, sizes.startupRuns());
    rows.add(
        Row.millis(
            SPEED,
            "Start to first answer (index only)",
            indexOnly,
            Row.goal("goal < 3 s", indexOnly < 3000),
            "separate `ask` process, median of " + sizes.startupRuns() + "; " + how));
    double checked = Startup.millis(jar, indexDir, corpus, work, first, sizes.startupRuns());
    rows.add(
        Row.millis(
            SPEED,
            "Start to first answer (articles checked)",
            checked,
            Row.goal("goal < 3 s", checked < 3000),
            "as above, but the command also reads every article and checks it against the index"));

    List<String> questions =
        dev.stream().map(DevQuestions.Question::text).limit(sizes.latencyQuestions()).toList();
    try (StoryIndex index = StoryIndex.open(indexDir, bench.embedder())) {
      bench.progress("latency: " + sizes.reps() + " x " + questions.size() + " questions");
      Latency.Result l =
          Latency.run(
              index, bench.embedder(), bench.ranker(), questions, sizes.warmup(), sizes.reps());
      latencyRows(l, rows);
      rows.add(
          Row.of(
              SPEED,
              "Heap while serving",
              Build.usedHeapAfterGc() / 1e6,
              "MB",
              "",
              "used, after a full GC, index open, after the latency runs"));
      rows.devSet(
          "story + distractors", DevQuestions.score(new Answerer(index, bench.ranker()), dev));

      bench.progress("profiling the answer path with JFR");
      Answerer answerer = new Answerer(index, bench.ranker());
      Profile.Summary p =
          Profile.of(
              () -> {
                for (int r = 0; r < sizes.profileReps(); r++) questions.forEach(answerer::answer);
              },
              work.resolve("answer.jfr"),
              8);
      profileLines(p, rows);
    }
  }

  private static void latencyRows(Latency.Result l, Bench.Rows rows) {
    String n = l.answer().samples() + " samples";
    pct(rows, "Retrieval (hybrid, k=" + Latency.RETRIEVAL_K + ")", l.retrieval(), "", n);
    pct(rows, "Whole extractive answer", l.answer(), "goal p95 <= 60 ms", n);
    pct(rows, "Question embedding alone", l.embedding(), "", "part of both lines above");
    pct(rows, "Plain Lucene BM25 top-10", l.plainBm25(), "", "BooleanQuery of TermQuerys");
    double base = l.plainBm25().p50();
    rows.add(
        Row.of(
            LATENCY,
            "Retrieval / plain BM25 (p50)",
            l.retrieval().p50() / base,
            "x",
            "",
            "our overhead"));
    rows.add(
        Row.of(
            LATENCY,
            "Answer / plain BM25 (p50)",
            l.answer().p50() / base,
            "x",
            "",
            "our overhead"));
    rows.add(Row.of(LATENCY, "Throughput, 1 thread", l.oneThreadPerSecond(), "answers/s", "", ""));
    rows.add(
        Row.of(
            LATENCY,
            "Throughput, 2 threads",
            l.twoThreadsPerSecond(),
            "answers/s",
            Row.goal("goal >= 30", l.twoThreadsPerSecond() >= THROUGHPUT_GOAL),
            "Telegram sends a bot at most 30 messages a second"));
  }

  private static void pct(
      Bench.Rows rows, String what, Latency.Percentiles p, String goal, String note) {
    rows.add(Row.millis(LATENCY, what + " p50", p.p50(), "", note));
    String g = goal.isEmpty() ? "" : Row.goal(goal, p.p95() <= ANSWER_P95_GOAL_MS);
    rows.add(Row.millis(LATENCY, what + " p95", p.p95(), g, ""));
    rows.add(Row.millis(LATENCY, what + " p99", p.p99(), "", ""));
  }

  private static void profileLines(Profile.Summary p, Bench.Rows rows) {
    List<String> out = rows.profile();
    out.add(
        String.format(
            "%d samples of the answer path (JFR, Java and native method samples).", p.samples()));
    out.add("");
    out.add("By component (first frame outside the JDK):");
    out.add("");
    for (Map.Entry<String, Double> e : p.components()) out.add(line(e));
    out.add("");
    out.add("Hottest methods (top of stack):");
    out.add("");
    for (Map.Entry<String, Double> e : p.hottest()) out.add(line(e));
    out.add("");
    out.add("Storybot methods on the stack (inclusive):");
    out.add("");
    for (Map.Entry<String, Double> e : p.ours()) out.add(line(e));
  }

  private static String line(Map.Entry<String, Double> e) {
    return String.format("- %.1f %% `%s`", 100 * e.getValue(), e.getKey());
  }

  /** The story's files plus the first distractors, as a folder {@code storybot} can read. */
  private static Path corpus(Bench bench, Bench.Sizes sizes, Path dir) {
    try {
      Files.createDirectories(dir.resolve("story"));
      try (Stream<Path> files = Files.walk(bench.options().story())) {
        for (Path f : files.filter(Articles::isArticleFile).toList()) {
          Files.copy(f, dir.resolve("story").resolve(f.getFileName()));
        }
      }
      Path bbc = bench.require(Bench.BBC);
      try (Stream<String> lines = Files.lines(bbc)) {
        Files.write(dir.resolve("distractors.jsonl"), lines.limit(sizes.distractors()).toList());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark corpus to " + dir, e);
    }
  }
}
