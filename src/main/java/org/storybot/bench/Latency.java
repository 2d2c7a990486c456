package org.storybot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.storybot.answer.Answerer;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Ranker;

/**
 * Warm query latency over a question list: retrieval alone, a whole extractive answer, the question
 * embedding alone, and a plain Lucene BM25 top-10 on the same index; then throughput.
 */
final class Latency {
  /** How many sentences retrieval fetches, as the answerer does. */
  static final int RETRIEVAL_K = 20;

  /** Percentiles of one operation, in milliseconds. */
  record Percentiles(double p50, double p95, double p99, int samples) {
    static Percentiles of(long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      return new Percentiles(at(s, 0.50), at(s, 0.95), at(s, 0.99), s.length);
    }

    private static double at(long[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
  }

  /** The figures of one run. */
  record Result(
      Percentiles retrieval,
      Percentiles answer,
      Percentiles embedding,
      Percentiles plainBm25,
      double oneThreadPerSecond,
      double twoThreadsPerSecond) {}

  private Latency() {}

  static Result run(
      StoryIndex index,
      Embedder embedder,
      Ranker ranker,
      List<String> questions,
      int warmup,
      int reps) {
    Answerer answerer = new Answerer(index, ranker);
    List<Consumer<String>> ops =
        List.of(
            q -> index.search(q, RETRIEVAL_K),
            answerer::answer,
            embedder::embedQuery,
            q -> index.plainBm25(q, 10));
    for (int r = 0; r < warmup; r++) {
      for (String q : questions) ops.forEach(op -> op.accept(q));
    }
    int n = reps * questions.size();
    long[][] nanos = new long[ops.size()][n];
    int i = 0;
    for (int r = 0; r < reps; r++) {
      for (String q : questions) {
        // Interleaved per question, so drift in machine load hits every operation alike.
        for (int o = 0; o < ops.size(); o++) {
          long t = System.nanoTime();
          ops.get(o).accept(q);
          nanos[o][i] = System.nanoTime() - t;
        }
        i++;
      }
    }
    return new Result(
        Percentiles.of(nanos[0]),
        Percentiles.of(nanos[1]),
        Percentiles.of(nanos[2]),
        Percentiles.of(nanos[3]),
        throughput(answerer, questions, 1, n),
        throughput(answerer, questions, 2, n));
  }

  /** Answers per second with {@code threads} threads answering {@code total} questions. */
  static double throughput(Answerer answerer, List<String> questions, int threads, int total) {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Runnable> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          () -> {
            for (int k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
              answerer.answer(questions.get(k % questions.size()));
            }
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> running = workers.stream().<Future<?>>map(pool::submit).toList();
      for (Future<?> f : running) f.get();
    } catch (ExecutionException e) {
      throw new BenchException("an answer failed during the throughput run", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted during the throughput run", e);
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }
}
