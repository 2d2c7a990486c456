package org.storybot.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.storybot.index.Embedder;
import org.storybot.index.Hit;
import org.storybot.index.Retrieval;
import org.storybot.index.StoryIndex;
import org.storybot.rank.Squad;

/**
 * ReQA-style sentence retrieval (Ahmad et al. 2019) over SQuAD: every sentence of every paragraph
 * is a candidate; a question is right at rank r when the sentence there holds one of its answer
 * starts. Questions are deduplicated by text (their gold sentences merged); a retrieved sentence
 * whose text equals a gold sentence's counts, which is what ReQA's deduplication of candidate texts
 * amounts to.
 */
final class Reqa {
  /** How deep each search looks: ranks beyond this count as misses (MRR@50). */
  static final int DEPTH = 50;

  /** The figures of one retrieval mode. */
  record Metrics(Retrieval mode, int questions, double p1, double mrr, double r5, double r10) {}

  /** All modes, plus the size of the candidate pool. */
  record Result(
      List<Metrics> modes, int paragraphs, int sentences, int distinctSentences, int skipped) {}

  private Reqa() {}

  static Result run(Squad.Data data, Embedder embedder, int maxQuestions) {
    QueryCache cache = new QueryCache(embedder);
    Map<String, Set<String>> gold = new LinkedHashMap<>();
    for (Squad.Paragraph p : data.paragraphs()) {
      for (Squad.Question q : p.questions()) {
        if (q.impossible()) continue;
        if (gold.size() == maxQuestions && !gold.containsKey(q.text())) continue;
        gold.computeIfAbsent(q.text(), k -> new HashSet<>()).addAll(q.gold());
      }
    }
    Set<String> distinct = new HashSet<>();
    data.paragraphs().forEach(p -> p.article().sentences().forEach(s -> distinct.add(s.text())));
    List<Metrics> modes = new ArrayList<>();
    try (StoryIndex index = StoryIndex.inMemory(cache, Clock.systemUTC())) {
      index.sync(data.articles());
      cache.preload(List.copyOf(gold.keySet()));
      for (Retrieval mode : Retrieval.values()) modes.add(score(index, gold, mode));
    }
    return new Result(
        modes,
        data.paragraphs().size(),
        data.sentences(),
        distinct.size(),
        data.skippedParagraphs());
  }

  private static Metrics score(StoryIndex index, Map<String, Set<String>> gold, Retrieval mode) {
    double p1 = 0, mrr = 0, r5 = 0, r10 = 0;
    for (Map.Entry<String, Set<String>> q : gold.entrySet()) {
      List<Hit> hits = index.search(q.getKey(), DEPTH, mode);
      int rank = -1;
      for (int i = 0; i < hits.size() && rank < 0; i++) {
        if (q.getValue().contains(hits.get(i).sentence().text())) rank = i + 1;
      }
      if (rank < 0) continue;
      mrr += 1.0 / rank;
      if (rank == 1) p1++;
      if (rank <= 5) r5++;
      if (rank <= 10) r10++;
    }
    int n = Math.max(1, gold.size());
    return new Metrics(mode, gold.size(), p1 / n, mrr / n, r5 / n, r10 / n);
  }
}
