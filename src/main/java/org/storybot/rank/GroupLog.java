package org.storybot.rank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.storybot.index.Candidate;
import org.storybot.index.Embedder;
import org.storybot.index.Retrieved;
import org.storybot.index.StoryIndex;

/** Asks labelled questions of an index and logs each one's candidates as a {@link Group}. */
final class GroupLog {
  private static final int BATCH = 64;
  private final Map<String, String> strings = Collections.synchronizedMap(new HashMap<>());

  List<Group> ask(
      StoryIndex index,
      Embedder embedder,
      String source,
      List<Asked> questions,
      Consumer<String> progress) {
    progress.accept("asking " + questions.size() + " questions of " + source);
    List<Group> out = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger done = new AtomicInteger();
    for (int from = 0; from < questions.size(); from += BATCH) {
      List<Asked> batch = questions.subList(from, Math.min(questions.size(), from + BATCH));
      List<float[]> vectors = embedder.embedAll(batch.stream().map(Asked::text).toList());
      java.util.stream.IntStream.range(0, batch.size())
          .parallel()
          .forEach(
              i -> {
                Asked q = batch.get(i);
                Retrieved r = index.retrieve(q.text(), vectors.get(i), StoryIndex.PER_LIST);
                if (!r.candidates().isEmpty()) out.add(group(source, q, r));
                int n = done.incrementAndGet();
                if (n % 2000 == 0) progress.accept(source + ": " + n + " questions");
              });
    }
    // Parallel order varies; sort so every run trains on the same sequence.
    List<Group> sorted = new ArrayList<>(out);
    sorted.sort(java.util.Comparator.comparing(Group::id));
    return sorted;
  }

  private Group group(String source, Asked q, Retrieved r) {
    int n = r.candidates().size();
    List<String> texts = new ArrayList<>(n);
    List<String> articles = new ArrayList<>(n);
    boolean[] gold = new boolean[n];
    for (int i = 0; i < n; i++) {
      Candidate c = r.candidates().get(i);
      texts.add(intern(c.sentence().text()));
      articles.add(intern(c.sentence().articleId()));
      gold[i] = q.gold().contains(c.sentence().text());
    }
    return new Group(
        source + ":" + q.id(),
        source,
        q.fold(),
        q.part(),
        !q.gold().isEmpty(),
        q.text(),
        texts,
        articles,
        Features.of(r),
        gold);
  }

  private String intern(String s) {
    return strings.computeIfAbsent(s, k -> k);
  }
}
