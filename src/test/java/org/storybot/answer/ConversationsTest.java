package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;
import org.storybot.rank.SharedRanker;

class ConversationsTest {
  static StoryIndex index;

  @BeforeAll
  static void index() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void aFollowUpCarriesThePreviousNamesForward() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 3);
    chat.ask(1, "What did Austin ask Gallant?");
    Answer followUp = chat.ask(1, "and what did he say about protecting US forces?");
    assertThat(followUp.question()).contains("Austin", "Gallant");
    assertThat(followUp.citations()).isNotEmpty();
    assertThat(chat.ask(2, "What did he say?").question()).isEqualTo("What did he say?");
  }

  @Test
  void aStandaloneQuestionIsLeftAlone() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 3);
    chat.ask(1, "What did Austin ask Gallant?");
    String q = "Is the United States looking for a wider war with Iran, according to Kirby?";
    assertThat(chat.ask(1, q).question()).isEqualTo(q);
  }

  @Test
  void historyIsBoundedAndResetClearsIt() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 2);
    chat.ask(1, "What did Kirby say?");
    chat.ask(1, "What did Biden promise Israel?");
    chat.ask(1, "Who is Lloyd Austin?");
    assertThat(chat.history(1))
        .extracting(Conversations.Turn::question)
        .containsExactly("What did Biden promise Israel?", "Who is Lloyd Austin?");
    chat.reset(1);
    assertThat(chat.history(1)).isEmpty();
    assertThatThrownBy(() -> chat.ask(1, "  ?  ")).isInstanceOf(EmptyQuestionException.class);
  }
}
