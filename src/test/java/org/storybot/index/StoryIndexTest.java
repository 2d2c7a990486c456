package org.storybot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.article.Article;
import org.storybot.article.Articles;

class StoryIndexTest {
  static final Article SEED =
      Articles.read(Path.of("index/articles/000-us-not-looking-for-war-with-iran.md"));
  static final Article FOLLOW_UP =
      Articles.of(
          "follow-up",
          "Oil prices rise after Iran's attack on Israel",
          "Example Wire",
          "https://example.org/oil",
          "2024-04-15",
          "Brent crude rose 2 percent on Monday. Traders feared a wider conflict in the region.");

  @TempDir Path dir;

  /** The follow-up article, changed to say {@code body}. */
  private static Article followUpSaying(String body) {
    return Articles.of(FOLLOW_UP.id(), FOLLOW_UP.title(), null, FOLLOW_UP.url(), null, body);
  }

  /** Counts how many texts reach the embedding model. */
  static final class CountingEmbedder implements Embedder {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public int dimension() {
      return SharedEmbedder.get().dimension();
    }

    @Override
    public List<float[]> embedAll(List<String> batch) {
      texts.addAndGet(batch.size());
      return SharedEmbedder.get().embedAll(batch);
    }
  }

  @Test
  void syncIndexesOnlyWhatIsNewOrChanged() {
    CountingEmbedder embedder = new CountingEmbedder();
    try (StoryIndex index = StoryIndex.open(dir, embedder)) {
      assertThat(index.sync(List.of(SEED)))
          .isEqualTo(new StoryIndex.SyncReport(1, 0, 0, 0, SEED.sentences().size()));
      int afterFirst = embedder.texts.get();
      assertThat(afterFirst).isEqualTo(SEED.sentences().size());

      StoryIndex.SyncReport second = index.sync(List.of(SEED, FOLLOW_UP));
      assertThat(second).isEqualTo(new StoryIndex.SyncReport(1, 0, 0, 1, 2));
      assertThat(embedder.texts.get() - afterFirst)
          .as("only the new article is embedded")
          .isEqualTo(2);
      assertThat(index.sentenceCount()).isEqualTo(SEED.sentences().size() + 2);
    }
  }

  @Test
  void aChangedArticleReplacesItsSentencesAndARemovedOneDisappears() {
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(List.of(SEED, FOLLOW_UP));
      Article changed = followUpSaying("Brent crude fell 1 percent on Tuesday.");
      assertThat(index.sync(List.of(SEED, changed)))
          .isEqualTo(new StoryIndex.SyncReport(0, 1, 0, 1, 1));
      assertThat(index.sentences("follow-up"))
          .extracting(IndexedSentence::text)
          .containsExactly("Brent crude fell 1 percent on Tuesday.");
      assertThat(index.sync(List.of(SEED)).removed()).isEqualTo(1);
      assertThat(index.sentences("follow-up")).isEmpty();
      assertThat(index.search("Brent crude oil price", 5))
          .noneMatch(h -> h.sentence().articleId().equals("follow-up"));
    }
  }

  @Test
  void keepsTheIndexOnDiskAcrossReopening() {
    try (StoryIndex index = StoryIndex.open(dir, SharedEmbedder.get())) {
      index.sync(List.of(SEED));
    }
    CountingEmbedder embedder = new CountingEmbedder();
    try (StoryIndex index = StoryIndex.open(dir, embedder)) {
      assertThat(index.sync(List.of(SEED)).unchanged()).isEqualTo(1);
      assertThat(embedder.texts.get()).isZero();
      assertThat(index.articles()).extracting(ArticleInfo::id).containsExactly(SEED.id());
    }
  }

  @Test
  void anAddedArticleIsSearchableAtOnceAndAddingItAgainIsANoOp() {
    try (StoryIndex index = StoryIndex.open(dir, SharedEmbedder.get())) {
      index.sync(List.of(SEED));
      assertThat(index.add(FOLLOW_UP)).isTrue();
      assertThat(index.search("How much did Brent crude rise?", 3).getFirst().sentence().text())
          .isEqualTo("Brent crude rose 2 percent on Monday.");
      assertThat(index.add(FOLLOW_UP)).isFalse();
      assertThat(index.article("follow-up"))
          .get()
          .satisfies(
              a -> {
                assertThat(a.url()).isEqualTo("https://example.org/oil");
                assertThat(a.textHash()).isEqualTo(FOLLOW_UP.textHash());
              });
    }
  }

  @Test
  void opensReadOnlyWhenAnotherWriterHoldsTheLock() {
    try (StoryIndex writer = StoryIndex.open(dir, SharedEmbedder.get())) {
      writer.sync(List.of(SEED));
      try (StoryIndex reader = StoryIndex.open(dir, SharedEmbedder.get())) {
        assertThat(reader.readOnly()).isTrue();
        assertThat(reader.search("Is the US looking for war with Iran?", 3)).isNotEmpty();
        assertThatThrownBy(() -> reader.add(FOLLOW_UP))
            .isInstanceOf(IndexException.class)
            .hasMessageContaining("read-only");
      }
    }
  }

  @Test
  void candidatesReadAfterAReplacedArticleKnowTheirArticleAndNeighbours() {
    // The replaced article's old documents stay in the segment, deleted, before the new ones:
    // sentences, their neighbours and their article's size are read from stored fields on demand
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(List.of(FOLLOW_UP, SEED));
      Article changed =
          followUpSaying(
              "Brent crude fell 1 percent on Tuesday. Tankers kept sailing. Markets calmed.");
      index.sync(List.of(changed, SEED));
      Candidate oil = index.retrieve("Did tankers keep sailing?").candidates().getFirst();
      assertThat(oil.sentence().text()).isEqualTo("Tankers kept sailing.");
      assertThat(oil.sentence().articleId()).isEqualTo("follow-up");
      assertThat(oil.previous()).isEqualTo("Brent crude fell 1 percent on Tuesday.");
      assertThat(oil.next()).isEqualTo("Markets calmed.");
      assertThat(oil.articleSentences()).isEqualTo(3);
      Candidate kirby =
          index
              .retrieve("Who told NBC's Meet the Press there is no wider war wanted?")
              .candidates()
              .stream()
              .filter(c -> c.sentence().text().contains("Meet the Press"))
              .findFirst()
              .orElseThrow();
      assertThat(kirby.sentence().articleId()).isEqualTo(SEED.id());
      assertThat(kirby.articleSentences()).isEqualTo(SEED.sentences().size());
    }
  }

  @Test
  void storesEverythingACitationNeedsAndNeighboursInOrder() {
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(List.of(SEED, FOLLOW_UP));
      Hit hit =
          index.search("Who told NBC's Meet the Press there is no wider war wanted?", 5).getFirst();
      IndexedSentence s = hit.sentence();
      assertThat(SEED.body()).contains(s.text());
      assertThat(s.title()).isEqualTo(SEED.title());
      assertThat(index.neighbours(s, 1))
          .extracting(IndexedSentence::ordinal)
          .containsExactly(s.ordinal() - 1, s.ordinal(), s.ordinal() + 1);
      assertThat(index.articles())
          .extracting(ArticleInfo::id)
          .containsExactly("follow-up", SEED.id());
    }
  }

  @Test
  void servesConcurrentSearchesWhileWriting() throws Exception {
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
        var pool = Executors.newFixedThreadPool(4)) {
      index.sync(List.of(SEED));
      List<Future<Integer>> searches = new ArrayList<>();
      for (int i = 0; i < 20; i++)
        searches.add(pool.submit(() -> index.search("What did Biden promise Israel?", 5).size()));
      Future<Boolean> write = pool.submit(() -> index.add(FOLLOW_UP));
      for (Future<Integer> f : searches) assertThat(f.get()).isEqualTo(5);
      assertThat(write.get()).isTrue();
      assertThat(index.sentenceCount()).isEqualTo(SEED.sentences().size() + 2);
    }
  }

  @Test
  void lexicalAndVectorModesUseOneRetrieverEach() {
    try (StoryIndex index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC())) {
      index.sync(List.of(SEED));
      assertThat(index.search("ironclad commitment", 5, Retrieval.LEXICAL))
          .allSatisfy(h -> assertThat(h.lexicalRank()).isGreaterThanOrEqualTo(0));
      assertThat(index.search("ironclad commitment", 5, Retrieval.VECTOR))
          .allSatisfy(h -> assertThat(h.lexicalRank()).isEqualTo(-1));
      assertThat(index.search("zzzz qqqq", 5, Retrieval.LEXICAL)).isEmpty();
    }
  }
}
