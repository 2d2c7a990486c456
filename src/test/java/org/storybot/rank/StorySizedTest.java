package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.storybot.article.Article;
import org.storybot.article.Articles;

class StorySizedTest {
  /** {@code n} paragraphs of {@code topic}, two sentences and two questions each. */
  private static List<Squad.Paragraph> topic(String topic, int n) {
    List<Squad.Paragraph> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String first = topic + " paragraph " + i + " opens here.";
      String second = "It was " + (1900 + i) + " when " + topic + " changed.";
      Article a = Articles.of(topic + " #" + i, topic, "SQuAD", null, null, first + " " + second);
      out.add(
          new Squad.Paragraph(
              topic,
              a,
              List.of(
                  new Squad.Question(topic + i + "a", "When?", Set.of(second), false, "then"),
                  new Squad.Question(topic + i + "b", "Who?", Set.of(), true, null))));
    }
    return out;
  }

  private static Squad.Data data() {
    // Castles and Rivers share fold 4; Bridges is alone in fold 0.
    List<Squad.Paragraph> all = new ArrayList<>(topic("Castles", StorySized.PARAGRAPHS + 2));
    all.addAll(topic("Rivers", 3));
    all.addAll(topic("Bridges", 2));
    return new Squad.Data(all, 0);
  }

  @Test
  void joinsConsecutiveParagraphsOfOneTopicIntoOneStorySizedArticle() {
    List<StorySized.Window> windows = StorySized.windows(data(), "s", 1);

    assertThat(windows)
        .extracting(StorySized.Window::topic)
        .containsExactly("Castles", "Castles", "Rivers", "Bridges");
    StorySized.Window first = windows.getFirst();
    assertThat(first.article().sentences()).hasSize(2 * StorySized.PARAGRAPHS);
    assertThat(windows.get(1).article().sentences()).hasSize(2 * 2);
    // Every gold sentence is a sentence of its window, word for word.
    for (StorySized.Window w : windows) {
      Set<String> texts = new java.util.HashSet<>();
      w.article().sentences().forEach(s -> texts.add(s.text()));
      for (Asked q : w.questions()) assertThat(texts).containsAll(q.gold());
      assertThat(w.questions()).allMatch(q -> q.fold() == Folds.of(w.topic()));
    }
    assertThat(first.questions()).hasSize(2 * StorySized.PARAGRAPHS);
    // The unanswerable ones stay unanswerable: on topic, but nothing there answers them.
    assertThat(first.questions())
        .filteredOn(q -> q.gold().isEmpty())
        .hasSize(StorySized.PARAGRAPHS);
  }

  @Test
  void keepsEveryNthQuestionAcrossWindows() {
    List<StorySized.Window> windows = StorySized.windows(data(), "s", 2);

    int questions = 2 * (StorySized.PARAGRAPHS + 2 + 3 + 2);
    assertThat(windows.stream().mapToInt(w -> w.questions().size()).sum()).isEqualTo(questions / 2);
    assertThat(windows.getFirst().questions()).allMatch(q -> !q.gold().isEmpty());
  }

  @Test
  void borrowsOffTopicQuestionsFromAnotherTopicOfTheSameFold() {
    List<StorySized.Window> windows = StorySized.windows(data(), "s", 1);

    assertThat(StorySized.otherTopic(windows, 0).topic()).isEqualTo("Rivers");
    assertThat(StorySized.otherTopic(windows, 1).topic()).isEqualTo("Rivers");
    assertThat(StorySized.otherTopic(windows, 2).topic()).isEqualTo("Castles");
    // The second Castles window borrows from the same place in Rivers' list (wrapping): one.
    assertThat(StorySized.otherTopic(windows, 1)).isSameAs(windows.get(2));
    assertThat(StorySized.otherTopic(windows, 2)).isSameAs(windows.get(0));
    assertThat(StorySized.otherTopic(windows, 3)).isNull();
  }
}
