package org.storybot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.storybot.article.Article;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;

/** Builds the on-disk story + distractors index and measures time, rate, size and heap. */
final class Build {
  /**
   * What building cost.
   *
   * @param embedSeconds the part of {@code seconds} spent inside the embedding model
   */
  record Result(
      int articles,
      int sentences,
      double seconds,
      double embedSeconds,
      long diskBytes,
      long heapBytes) {
    double sentencesPerSecond() {
      return sentences / seconds;
    }
  }

  private Build() {}

  /** Indexes {@code articles} into {@code dir} from scratch, commits, closes. */
  static Result run(List<Article> articles, Path dir, Embedder embedder) {
    TimedEmbedder timed = new TimedEmbedder(embedder);
    long start = System.nanoTime();
    StoryIndex.SyncReport report;
    long heap;
    try (StoryIndex index = StoryIndex.open(dir, timed)) {
      report = index.sync(articles);
      double seconds = (System.nanoTime() - start) / 1e9;
      heap = usedHeapAfterGc();
      return new Result(
          report.added(), report.sentences(), seconds, timed.seconds(), size(dir), heap);
    }
  }

  /** Heap in use after a full collection (SerialGC collects synchronously). */
  static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 2; i++) System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().equals("write.lock"))
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
  }
}
