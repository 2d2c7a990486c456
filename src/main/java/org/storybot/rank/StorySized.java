package org.storybot.rank;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;

/**
 * Questions asked of story-sized indexes. Storybot mostly serves an index of one story, a few dozen
 * sentences, where term statistics look nothing like those of SQuAD's 10,000 sentences: in one news
 * article "did" and "about" are as unknown as "Russia", so "a question word the index has never
 * seen" means little there. The models must meet such indexes in training too.
 *
 * <p>A window is {@value #PARAGRAPHS} consecutive paragraphs of one Wikipedia article joined into
 * one article (about as many sentences as a news story), alone in its index. Asked of it: its
 * paragraphs' questions (SQuAD 2.0's unanswerable ones are on topic but not answered there), and
 * questions of another window of the same fold (off topic).
 */
final class StorySized {
  /**
   * Paragraphs per window: SQuAD's run to about five sentences, a news article to fifteen or
   * twenty.
   */
  static final int PARAGRAPHS = 3;

  /** One window: its article and the questions of its paragraphs. */
  record Window(String topic, int fold, int part, Article article, List<Asked> questions) {}

  private final Embedder embedder;
  private final GroupLog log;
  private final Consumer<String> progress;

  StorySized(Embedder embedder, GroupLog log, Consumer<String> progress) {
    this.embedder = embedder;
    this.log = log;
    this.progress = progress;
  }

  /**
   * Asks every {@code every}-th question of each window of {@code data} of it and, when {@code
   * offTopic}, every other one of those of a window of another topic in the same fold.
   */
  List<Group> ask(Squad.Data data, String source, int every, boolean offTopic) {
    List<Window> windows = windows(data, source, every);
    progress.accept(
        "asking "
            + windows.stream().mapToInt(w -> w.questions().size()).sum()
            + " questions of "
            + windows.size()
            + " story-sized windows ("
            + source
            + ")");
    List<Group> out = new ArrayList<>();
    Consumer<String> quiet = s -> {};
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      Window other = offTopic ? otherTopic(windows, i) : null;
      try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
        index.sync(List.of(w.article()));
        out.addAll(log.ask(index, embedder, source, w.questions(), quiet));
        if (other != null) {
          List<Asked> elsewhere = new ArrayList<>();
          for (int q = 0; q < other.questions().size(); q += 2) {
            Asked a = other.questions().get(q);
            String id = a.id() + " in " + w.article().id();
            elsewhere.add(new Asked(id, a.fold(), a.part(), a.text(), Set.of()));
          }
          out.addAll(log.ask(index, embedder, source + "-offtopic", elsewhere, quiet));
        }
      }
      if ((i + 1) % 100 == 0) progress.accept(source + ": " + (i + 1) + " windows");
    }
    out.sort(java.util.Comparator.comparing(Group::id));
    return out;
  }

  /** The windows of {@code data}, in file order, each with every {@code every}-th question. */
  static List<Window> windows(Squad.Data data, String source, int every) {
    Map<String, List<Squad.Paragraph>> byTopic = new LinkedHashMap<>();
    for (Squad.Paragraph p : data.paragraphs()) {
      byTopic.computeIfAbsent(p.topic(), k -> new ArrayList<>()).add(p);
    }
    List<Window> out = new ArrayList<>();
    int n = 0;
    for (var e : byTopic.entrySet()) {
      String topic = e.getKey();
      int fold = Folds.of(topic), part = Folds.part(topic);
      List<Squad.Paragraph> ps = e.getValue();
      for (int from = 0; from < ps.size(); from += PARAGRAPHS) {
        List<Squad.Paragraph> run = ps.subList(from, Math.min(ps.size(), from + PARAGRAPHS));
        StringBuilder body = new StringBuilder();
        List<Asked> questions = new ArrayList<>();
        for (Squad.Paragraph p : run) {
          if (!body.isEmpty()) body.append("\n\n");
          body.append(p.article().body());
          for (Squad.Question q : p.questions()) {
            if (n++ % every != 0) continue;
            questions.add(
                new Asked(q.id(), fold, part, q.text(), q.impossible() ? Set.of() : q.gold()));
          }
        }
        String id = source + ":" + topic + " @" + from;
        Article article = Articles.of(id, topic, "SQuAD", null, null, body.toString());
        out.add(new Window(topic, fold, part, article, questions));
      }
    }
    return out;
  }

  /**
   * A window of the next topic of the same fold, at the same place in its topic (wrapping), so each
   * window lends its questions to about one other; null when the fold has one topic.
   */
  static Window otherTopic(List<Window> windows, int i) {
    Window w = windows.get(i);
    int place = 0;
    for (int k = i - 1; k >= 0 && windows.get(k).topic().equals(w.topic()); k--) place++;
    for (int k = 1; k < windows.size(); k++) {
      Window o = windows.get((i + k) % windows.size());
      if (o.fold() != w.fold() || o.topic().equals(w.topic())) continue;
      List<Window> topic = windows.stream().filter(x -> x.topic().equals(o.topic())).toList();
      return topic.get(place % topic.size());
    }
    return null;
  }
}
