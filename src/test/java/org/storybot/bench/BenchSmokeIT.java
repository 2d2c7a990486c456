package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.SharedRanker;

/**
 * The quick benchmark end to end (it launches {@code storybot ask} processes, hence an IT): every
 * row is there and every figure is sane. It keeps the full benchmark from rotting; the full run is
 * never part of the build.
 */
class BenchSmokeIT {
  static final List<String> MODES =
      List.of(
          "BM25, sentence text only",
          "BM25 with context (our lexical mode)",
          "Vectors alone (MiniLM)",
          "Hybrid (RRF)");
  static final List<String> LATENCIES =
      List.of(
          "Retrieval (hybrid, k=20)",
          "Whole extractive answer",
          "Question embedding alone",
          "Plain Lucene BM25 top-10");

  static Report report;

  @BeforeAll
  static void runTheQuickBenchmark() {
    Path datasets = Path.of(System.getProperty("storybot.shared", "../shared"), "datasets");
    Bench.Options options =
        new Bench.Options(
            true,
            datasets,
            Path.of("index/articles"),
            Path.of("src/test/resources/answer/dev-questions.jsonl"),
            Path.of("target/storybot.jar"),
            Path.of("target/bench"));
    report =
        new Bench(SharedEmbedder.get(), SharedRanker.get(), options, step -> {}, StreamingIT.LLM)
            .run();
    System.out.println(report.table());
  }

  @Test
  void reportsEveryMeasure() {
    List<String> measures =
        List.of(
            "Index build time",
            "Indexing rate",
            "Index size on disk",
            "Heap after build",
            "Heap while serving",
            "Start to first answer (index only)",
            "Start to first answer (articles checked)",
            "Retrieval / plain BM25 (p50)",
            "Answer / plain BM25 (p50)",
            "Throughput, 1 thread",
            "Throughput, 2 threads",
            "LLM answer, not streamed p50",
            "Streamed: first checked words p50",
            "Streamed: final checked answer p50",
            "Candidate sentences",
            "Questions (distinct texts)",
            "First citation answers (story only)",
            "Abstains on unanswerable (story + distractors)",
            "Abstains on answerable, wrongly (story only)",
            "squad-dev-v1.1.json: P@1",
            "squad-dev-v1.1.json: MRR",
            "squad2-dev-cs224n-half.json: abstains on unanswerable",
            "squad2-dev-cs224n-half.json: abstains on answerable (wrongly)");
    for (String m : measures) assertThat(report.row(m)).as(m).isPresent();
    for (String mode : MODES) {
      for (String metric : List.of("P@1", "MRR", "R@5", "R@10")) {
        assertThat(report.row(mode + ": " + metric)).as(mode + metric).isPresent();
      }
    }
  }

  @Test
  void retrievalScoresAreFractionsInRankOrder() {
    for (String mode : MODES) {
      double p1 = value(mode + ": P@1");
      double mrr = value(mode + ": MRR");
      double r5 = value(mode + ": R@5");
      double r10 = value(mode + ": R@10");
      assertThat(p1).as(mode).isBetween(0.0, 1.0);
      assertThat(mrr).as(mode).isGreaterThanOrEqualTo(p1).isLessThanOrEqualTo(1.0);
      assertThat(r5).as(mode).isGreaterThanOrEqualTo(p1);
      assertThat(r10).as(mode).isGreaterThanOrEqualTo(r5).isLessThanOrEqualTo(1.0);
    }
    // A few hundred candidates: any working retriever finds most answers in its top 10.
    assertThat(value("Hybrid (RRF): R@10")).isGreaterThan(0.3);
  }

  @Test
  void latenciesArePositiveAndPercentilesAscend() {
    for (String op : LATENCIES) {
      double p50 = value(op + " p50");
      assertThat(p50).as(op).isPositive();
      assertThat(value(op + " p95")).as(op).isGreaterThanOrEqualTo(p50);
      assertThat(value(op + " p99")).as(op).isGreaterThanOrEqualTo(value(op + " p95"));
    }
    assertThat(value("Start to first answer (index only)")).isPositive();
    assertThat(value("Throughput, 2 threads")).isPositive();
    assertThat(value("Indexing rate")).isPositive();
    assertThat(value("Index size on disk")).isPositive();
  }

  @Test
  void startUpIsTimedAsTheLauncherStartsTheJar() {
    String note =
        report.rows().stream()
            .filter(r -> r.measure().equals("Start to first answer (index only)"))
            .findFirst()
            .orElseThrow()
            .note();
    assertThat(note).contains("java -jar storybot.jar");
    if (Runtime.version().feature() >= 25) assertThat(note).contains("AOT cache");
    else assertThat(note).doesNotContain("AOT cache");
  }

  @Test
  void sharesAreFractions() {
    report.rows().stream()
        .filter(r -> r.shown().endsWith(")") && r.shown().contains("%"))
        .forEach(r -> assertThat(r.value()).as(r.measure()).isBetween(0.0, 1.0));
  }

  @Test
  void markdownHasTheMachineEverySectionAndTheProfile() {
    String md = report.markdown();
    assertThat(md).contains("cores", "GB RAM", "Quick smoke run");
    report.rows().stream()
        .map(Row::section)
        .distinct()
        .forEach(s -> assertThat(md).contains("## " + s));
    assertThat(md).contains("| Whole extractive answer p95 |");
    assertThat(md).containsPattern("\\d+ samples of the answer path");
  }

  private static double value(String measure) {
    return report.row(measure).orElseThrow(() -> new AssertionError("no row " + measure)).value();
  }
}
