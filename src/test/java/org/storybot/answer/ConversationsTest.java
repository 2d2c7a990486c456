package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;
import org.storybot.index.IndexedSentence;
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
    // a follow-up without words is refused before anything is read or remembered
    assertThatThrownBy(() -> chat.ask(1, "12345")).isInstanceOf(EmptyQuestionException.class);
    assertThat(chat.history(1)).hasSize(2);
  }

  @Test
  void aBareWhyThatFindsOnlyTheSentenceAlreadyQuotedIsToldTheArticlesSayNoMore() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 3);
    Answer asked = chat.ask(1, "What did Austin ask Gallant?");
    assertThat(asked.citations()).isNotEmpty();
    Answer why = chat.ask(1, "why?");
    assertThat(why.abstained()).isTrue();
    assertThat(why.citations()).isEmpty();
    assertThat(why.text()).isEqualTo(Conversations.noMore("why"));
    // a sentence that dates what was asked is the answer to "when?", quoted again or not
    chat.ask(2, "What did Kirby say?");
    Answer when = chat.ask(2, "when?");
    assertThat(when.abstained()).isFalse();
    assertThat(when.citations()).extracting(Citation::sentence).anyMatch(s -> s.contains("Sunday"));
  }

  @Test
  void aCorrectionIsAskedWithTheQuestionItCorrects() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 3);
    Answer said = chat.ask(1, "what did kirby say?");
    Answer war = chat.ask(1, "I mean about the war");
    assertThat(war.question()).isEqualTo("what did kirby say about the war?");
    assertThat(war.citations()).extracting(Citation::sentence).anyMatch(s -> s.contains("war"));
    assertThat(war.citations()).isNotEqualTo(said.citations());
  }

  @Test
  void whatElseAsksPastTheSentencesAlreadyCited() {
    // the turns remembered hold what was cited: enough of them for the whole exchange
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 20);
    Answer first = chat.ask(1, "What did Biden say?");
    assertThat(first.citations()).isNotEmpty();
    Set<String> cited = new HashSet<>();
    first.citations().forEach(c -> cited.add(c.sentence()));
    Answer more = chat.ask(1, "what else did he say?");
    assertThat(more.question()).contains("Biden");
    assertThat(more.citations()).isNotEmpty();
    assertThat(more.citations()).extracting(Citation::sentence).doesNotContainAnyElementsOf(cited);
    // asked again and again, it runs out rather than repeating itself
    Answer last = more;
    for (int i = 0; i < 16 && !last.citations().isEmpty(); i++) {
      last.citations().forEach(c -> cited.add(c.sentence()));
      last = chat.ask(1, "what else did he say?");
      assertThat(last.citations())
          .extracting(Citation::sentence)
          .doesNotContainAnyElementsOf(cited);
    }
    assertThat(last.citations()).isEmpty();
    assertThat(last.text()).isEqualTo(Answerer.NOTHING_MORE);
    assertThat(cited)
        .as("only sentences reporting Biden")
        .allMatch(t -> t.contains("Biden") || t.startsWith("\"") || t.startsWith("He "));
  }

  @Test
  void whatElseKnowsTheSentencesQuotedInTurnsReadBackAsTextOnly() {
    // what a shared database gives back: each turn's question and answer text, no citations
    List<Conversations.Turn> stored = new ArrayList<>();
    Conversations.Memory textOnly =
        new Conversations.Memory() {
          @Override
          public List<Conversations.Turn> turns(long chatId, int maxTurns) {
            return List.copyOf(stored);
          }

          @Override
          public void add(long chatId, Conversations.Turn turn, int maxTurns) {
            Answer a = turn.answer();
            stored.add(
                new Conversations.Turn(
                    turn.question(), new Answer(a.question(), a.text(), List.of(), a.abstained())));
          }

          @Override
          public void forget(long chatId) {
            stored.clear();
          }
        };
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 5, textOnly);
    Answer first = chat.ask(1, "What did Biden say?");
    Answer more = chat.ask(1, "what else did he say?");
    assertThat(more.citations()).isNotEmpty();
    assertThat(more.citations())
        .extracting(Citation::sentence)
        .doesNotContainAnyElementsOf(first.citations().stream().map(Citation::sentence).toList());
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

  @Test
  void tellMeMoreGoesOnFromTheLastAnswersSource() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 100);
    Answer first = chat.ask(1, "What did Biden tell Netanyahu?");
    assertThat(first.citations()).isNotEmpty();
    Citation source = first.citations().getFirst();
    var sentences = index.sentences(source.articleId());
    List<String> expected =
        sentences.stream()
            .filter(s -> s.ordinal() > source.ordinal())
            .map(IndexedSentence::text)
            .filter(t -> first.citations().stream().noneMatch(c -> c.sentence().equals(t)))
            .limit(Answerer.MORE_SENTENCES)
            .toList();
    assertThat(expected).hasSize(Answerer.MORE_SENTENCES); // the story goes on after the source

    Answer more = chat.ask(1, "tell me more");
    // the sentences right after the answer's source, in its article, none of them shown before
    assertThat(more.abstained()).isFalse();
    assertThat(more.citations()).extracting(Citation::sentence).isEqualTo(expected);
    assertThat(more.citations()).allMatch(c -> c.articleId().equals(source.articleId()));
    assertThat(more.text()).contains("[1]", "[2]");

    // asked again, it goes on without repeating what the chat remembers showing; at the end of the
    // story it says so, citing nothing
    java.util.Set<String> seen = new java.util.HashSet<>();
    first.citations().forEach(c -> seen.add(c.sentence()));
    more.citations().forEach(c -> assertThat(seen.add(c.sentence())).isTrue());
    Answer last = more;
    for (int i = 0; i < sentences.size() && !last.citations().isEmpty(); i++) {
      last = chat.ask(1, "Go on.");
      last.citations().forEach(c -> assertThat(seen.add(c.sentence())).as(c.sentence()).isTrue());
    }
    assertThat(last.citations()).isEmpty();
    assertThat(last.abstained()).isFalse();
    assertThat(last.text()).isEqualTo(Answerer.NOTHING_MORE);
    assertThat(seen).hasSize(sentences.size()); // every sentence of the story, once
  }

  @Test
  void tellMeMoreWithNothingBeforeIsTheSummary() {
    Conversations chat = new Conversations(new Answerer(index, SharedRanker.get()), 6);
    Answer summary = chat.ask(1, "Tell me more");
    assertThat(summary.citations()).isNotEmpty();
    assertThat(summary.citations().getFirst().ordinal()).isZero();
    Answer more = chat.ask(1, "what else?");
    assertThat(more.citations()).isNotEmpty();
    assertThat(more.citations())
        .extracting(Citation::sentence)
        .doesNotContainAnyElementsOf(summary.citations().stream().map(Citation::sentence).toList());
    // after small talk alone, nothing was cited: the summary
    Conversations other = new Conversations(new Answerer(index, SharedRanker.get()), 6);
    other.ask(2, "hi");
    assertThat(other.ask(2, "tell me more").citations().getFirst().ordinal()).isZero();
  }
}
