package org.storybot.rank;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.storybot.article.Sentence;
import org.storybot.index.Embedder;
import org.storybot.index.Hit;
import org.storybot.index.StoryIndex;

/**
 * Writes the cross-encoder's training pairs (read by {@code tools/train-cross-encoder}), one JSON
 * line per question: {@code {"id", "fold", "kind", "x": [[ids...]...], "y": [0|1...]}}, where each
 * {@code x} is the exact model input {@link PairEncoder} builds at serving time.
 *
 * <ul>
 *   <li>answerable (SQuAD v1.1, every paragraph indexed): the gold sentences, the best retrieved
 *       non-answers and the rest of the gold's paragraph;
 *   <li>unanswerable (SQuAD 2.0's impossible questions, their file's paragraphs indexed): the best
 *       retrieved sentences, none an answer;
 *   <li>offtopic (a SQuAD v1.1 question asked of the SQuAD 2.0 paragraphs, where its article is
 *       not): likewise;
 *   <li>edited (every other SQuAD v1.1 question that {@link EditedQuestions} can make unanswerable
 *       by one swap): its old gold sentences, then the best retrieved, none an answer.
 * </ul>
 */
final class CrossEncoderPairs {
  static final int RETRIEVED = 30;
  static final int MAX_CANDIDATES = 32;
  static final int NEGATIVE_ONLY = 16;

  private CrossEncoderPairs() {}

  static void write(
      TrainingData data, Embedder embedder, Path out, boolean edited, Consumer<String> progress) {
    try (PairEncoder encoder = new PairEncoder();
        BufferedWriter w = Files.newBufferedWriter(out);
        StoryIndex squad1 = StoryIndex.inMemory(embedder, Clock.systemUTC());
        StoryIndex squad2 = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      progress.accept("indexing " + data.squad1().sentences() + " SQuAD v1.1 sentences");
      squad1.sync(data.squad1().articles());
      progress.accept("indexing " + data.squad2().sentences() + " SQuAD 2.0 sentences");
      squad2.sync(data.squad2().articles());
      Set<String> squad2Topics = data.squad2Topics();
      Map<String, List<Squad.Paragraph>> byTopic = new LinkedHashMap<>();
      for (Squad.Paragraph p : data.squad1().paragraphs()) {
        byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p);
      }
      int groups = 0;
      int editable = 0;
      for (Squad.Paragraph p : data.squad1().paragraphs()) {
        int fold = Folds.of(p.topic());
        List<String> elsewhere = edited ? elsewhere(byTopic.get(p.topic()), p) : List.of();
        for (Squad.Question q : p.questions()) {
          List<Hit> hits = squad1.search(q.text(), RETRIEVED);
          Map<String, Integer> candidates = new LinkedHashMap<>();
          for (Hit h : hits) candidates.put(h.sentence().text(), gold(q, h.sentence().text()));
          for (String g : q.gold()) candidates.putIfAbsent(g, 1);
          for (Sentence s : p.article().sentences()) {
            candidates.putIfAbsent(s.text(), gold(q, s.text()));
          }
          line(w, encoder, "squad1:" + q.id(), fold, "answerable", q.text(), candidates);
          // Every third question of an article the SQuAD 2.0 index lacks: an off-topic example.
          if (!squad2Topics.contains(p.topic()) && groups % 3 == 0) {
            line(
                w,
                encoder,
                "offtopic:" + q.id(),
                fold,
                "offtopic",
                q.text(),
                negatives(squad2, q.text()));
          }
          if (edited && !q.gold().isEmpty()) {
            Optional<String> e =
                EditedQuestions.edit(q.text(), q.gold(), elsewhere, new Random(seed(q)));
            if (e.isPresent() && editable++ % 2 == 0) {
              Map<String, Integer> negatives = new LinkedHashMap<>();
              for (String g : q.gold()) negatives.put(g, 0);
              negatives.putAll(negatives(squad1, e.get()));
              line(w, encoder, "edited:" + q.id(), fold, "edited", e.get(), negatives);
            }
          }
          if (++groups % 1000 == 0) progress.accept(groups + " questions written");
        }
      }
      for (Squad.Paragraph p : data.squad2().paragraphs()) {
        int fold = Folds.of(p.topic());
        for (Squad.Question q : p.questions()) {
          if (!q.impossible()) continue; // the answerable ones are SQuAD v1.1's, written above
          line(
              w,
              encoder,
              "squad2:" + q.id(),
              fold,
              "unanswerable",
              q.text(),
              negatives(squad2, q.text()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pairs to " + out, e);
    }
  }

  private static long seed(Squad.Question q) {
    return 13L * 1_000_003 + q.id().hashCode();
  }

  /** The sentences of the topic's other paragraphs. */
  private static List<String> elsewhere(List<Squad.Paragraph> topic, Squad.Paragraph own) {
    List<String> out = new ArrayList<>();
    for (Squad.Paragraph p : topic) {
      if (p == own) continue;
      for (Sentence s : p.article().sentences()) out.add(s.text());
    }
    return out;
  }

  private static int gold(Squad.Question q, String sentence) {
    return q.gold().contains(sentence) ? 1 : 0;
  }

  private static Map<String, Integer> negatives(StoryIndex index, String question) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Hit h : index.search(question, NEGATIVE_ONLY)) out.put(h.sentence().text(), 0);
    return out;
  }

  private static void line(
      BufferedWriter w,
      PairEncoder encoder,
      String id,
      int fold,
      String kind,
      String question,
      Map<String, Integer> candidates)
      throws IOException {
    if (candidates.isEmpty()) return;
    long[] q = encoder.question(question);
    StringBuilder x = new StringBuilder();
    StringBuilder y = new StringBuilder();
    List<Map.Entry<String, Integer>> list = new ArrayList<>(candidates.entrySet());
    // Golds always kept; negatives cut so no question weighs too much.
    int kept = 0;
    for (Map.Entry<String, Integer> c : list) {
      if (c.getValue() == 0 && kept >= MAX_CANDIDATES) continue;
      kept++;
      if (!x.isEmpty()) {
        x.append(',');
        y.append(',');
      }
      x.append('[');
      long[] ids = encoder.pair(q, c.getKey());
      for (int i = 0; i < ids.length; i++) {
        if (i > 0) x.append(',');
        x.append(ids[i]);
      }
      x.append(']');
      y.append(c.getValue());
    }
    w.write(
        "{\"id\":\"%s\",\"fold\":%d,\"kind\":\"%s\",\"x\":[%s],\"y\":[%s]}\n"
            .formatted(id.replace("\"", ""), fold, kind, x, y));
  }
}
