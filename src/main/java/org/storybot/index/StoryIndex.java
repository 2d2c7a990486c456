package org.storybot.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.storybot.article.Article;

/**
 * The story's sentence index: one Lucene document per sentence (plus one per article), searched by
 * BM25 and by embedding similarity, fused by rank.
 *
 * <p>Thread-safe: searches share one long-lived searcher through a {@link SearcherManager}; writes
 * are serialised and become visible to searches at once (near-real-time), without a restart. When
 * another process holds the index's write lock (a running bot), the index opens read-only on the
 * last commit and writes throw. Close it to release the writer, the reader and the directory.
 */
public final class StoryIndex implements AutoCloseable {
  /** What a {@link #sync} changed. */
  public record SyncReport(int added, int updated, int removed, int unchanged, int sentences) {}

  private final Path location;
  private final Directory directory;
  private final IndexWriter writer; // null when read-only
  private final SearcherManager searchers;
  private final Embedder embedder;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final SentenceTable table = new SentenceTable(analyzer);
  private final Clock clock;

  /** Sentences embedded per call when many articles arrive at once (about 10 MB of vectors). */
  private static final int SENTENCES_PER_EMBEDDING_CALL = 4096;

  private StoryIndex(
      Path location, Directory directory, Embedder embedder, Clock clock, boolean readOnly)
      throws IOException {
    this.location = location;
    this.directory = directory;
    this.embedder = embedder;
    this.clock = clock;
    if (readOnly) {
      this.writer = null;
      this.searchers = new SearcherManager(directory, table);
    } else {
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setRAMBufferSizeMB(64);
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, table);
    }
  }

  /**
   * Opens (creating if needed) the index in {@code dir} for reading and writing; if another process
   * holds the write lock, opens the last commit read-only instead.
   */
  public static StoryIndex open(Path dir, Embedder embedder) {
    Objects.requireNonNull(embedder, "embedder");
    Directory directory = null;
    try {
      Files.createDirectories(dir);
      directory = FSDirectory.open(dir);
      try {
        return new StoryIndex(dir, directory, embedder, Clock.systemUTC(), false);
      } catch (LockObtainFailedException locked) {
        if (!DirectoryReader.indexExists(directory)) throw locked;
        return new StoryIndex(dir, directory, embedder, Clock.systemUTC(), true);
      }
    } catch (IOException e) {
      closeQuietly(directory);
      throw IndexException.at(dir, "cannot open the index", e);
    }
  }

  /** An index held in memory, for tests and one-off runs. */
  public static StoryIndex inMemory(Embedder embedder, Clock clock) {
    try {
      return new StoryIndex(null, new ByteBuffersDirectory(), embedder, clock, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when another process holds the write lock and this index only reads. */
  public boolean readOnly() {
    return writer == null;
  }

  /**
   * Brings the index in line with {@code articles}: adds new ones, replaces changed ones (by
   * content hash), removes those no longer present, leaves the rest untouched. Commits once at the
   * end.
   */
  public synchronized SyncReport sync(List<Article> articles) {
    requireWritable();
    Map<String, String> indexed = hashes();
    int added = 0, updated = 0, unchanged = 0, sentences = 0;
    Set<String> wanted = new HashSet<>();
    List<Article> changed = new ArrayList<>();
    try {
      for (Article article : articles) {
        wanted.add(article.id());
        String old = indexed.get(article.id());
        if (article.contentHash().equals(old)) {
          unchanged++;
          continue;
        }
        changed.add(article);
        sentences += article.sentences().size();
        if (old == null) added++;
        else updated++;
      }
      write(changed);
      int removed = 0;
      for (String id : indexed.keySet()) {
        if (!wanted.contains(id)) {
          writer.deleteDocuments(new Term(Documents.ARTICLE, id));
          removed++;
        }
      }
      commit();
      return new SyncReport(added, updated, removed, unchanged, sentences);
    } catch (IOException e) {
      throw IndexException.at(location, "cannot update the index", e);
    }
  }

  /**
   * Adds or replaces one article and makes it searchable at once.
   *
   * @return false when the same version (same content hash) was already indexed
   */
  public synchronized boolean add(Article article) {
    requireWritable();
    if (article.contentHash().equals(hashes().get(article.id()))) return false;
    try {
      write(List.of(article));
      commit();
      return true;
    } catch (IOException e) {
      throw IndexException.at(location, "cannot add article " + article.id(), e);
    }
  }

  /**
   * Embeds and writes articles, many at a time: the embedder batches similar-length sentences and
   * embeds repeated ones (boilerplate, syndicated copies) once, so bigger calls go faster. (Writing
   * one chunk while embedding the next gained nothing measurable: the embedder keeps the cores
   * busy.)
   */
  private void write(List<Article> articles) throws IOException {
    int from = 0;
    while (from < articles.size()) {
      int to = from;
      int sentences = 0;
      while (to < articles.size() && (to == from || sentences < SENTENCES_PER_EMBEDDING_CALL)) {
        sentences += articles.get(to++).sentences().size();
      }
      List<Article> chunk = articles.subList(from, to);
      List<float[]> vectors =
          embedder.embedAll(
              chunk.stream().flatMap(a -> a.sentences().stream()).map(s -> s.text()).toList());
      int offset = 0;
      for (Article article : chunk) {
        int n = article.sentences().size();
        write(article, vectors.subList(offset, offset + n));
        offset += n;
      }
      from = to;
    }
  }

  private void write(Article article, List<float[]> vectors) throws IOException {
    writer.deleteDocuments(new Term(Documents.ARTICLE, article.id()));
    // One block: the article document first, then its sentences in order (searches rely on this).
    writer.addDocuments(Documents.of(article, vectors, clock.millis()));
  }

  private void commit() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  private void requireWritable() {
    if (writer == null) {
      throw new IndexException(
          "the index at "
              + location
              + " is open read-only: another Storybot process holds its write lock",
          null);
    }
  }

  /** The best {@code k} sentences for {@code question} by hybrid retrieval, best first. */
  public List<Hit> search(String question, int k) {
    return search(question, k, Retrieval.HYBRID);
  }

  /** The best {@code k} sentences for {@code question} by the given retrievers, best first. */
  public List<Hit> search(String question, int k, Retrieval mode) {
    float[] vector = embedder.embedQuery(question);
    return withSearcher(
        s -> new HybridSearch(s, analyzer, table).search(question, vector, k, mode));
  }

  /** How deep each of {@link #retrieve}'s three lists looks. */
  public static final int PER_LIST = 50;

  /**
   * The candidates for {@code question}: the union of the best {@value #PER_LIST} sentences by BM25
   * over sentence text, by BM25 over text and context, and by embedding similarity, each with the
   * raw signals a ranker weighs.
   */
  public Retrieved retrieve(String question) {
    return retrieve(question, embedder.embedQuery(question), PER_LIST);
  }

  /** As {@link #retrieve(String)}, with the question's vector given and {@code perList} deep. */
  public Retrieved retrieve(String question, float[] vector, int perList) {
    return withSearcher(
        s -> new CandidateSearch(s, analyzer, table).retrieve(question, vector, perList));
  }

  /** The question embedding {@link #retrieve(String)} searches with. */
  public float[] embedQuery(String question) {
    return embedder.embedQuery(question);
  }

  /**
   * Plain Lucene BM25 over the sentence text alone (one {@link TermQuery} per analysed question
   * term in a {@link BooleanQuery}), top {@code k}, no embedding, no fusion, no stored fields: the
   * raw cost the benchmark compares {@link #search} with.
   *
   * @return how many hits came back (at most {@code k})
   */
  public int plainBm25(String question, int k) {
    return withSearcher(
        s -> {
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          for (String t : new HybridSearch(s, analyzer, table).terms(question)) {
            b.add(new TermQuery(new Term(Documents.TEXT, t)), BooleanClause.Occur.SHOULD);
          }
          return s.search(b.build(), k).scoreDocs.length;
        });
  }

  /** The analysed, stemmed terms of {@code text}, as the index sees them. */
  public Set<String> terms(String text) {
    return withSearcher(s -> new HybridSearch(s, analyzer, table).terms(text));
  }

  /** All sentences of an article, in order; empty when the article is unknown. */
  public List<IndexedSentence> sentences(String articleId) {
    return withSearcher(
        s -> {
          var query =
              new BooleanQuery.Builder()
                  .add(
                      new TermQuery(new Term(Documents.ARTICLE, articleId)),
                      BooleanClause.Occur.FILTER)
                  .add(
                      new TermQuery(new Term(Documents.KIND, Documents.KIND_SENTENCE)),
                      BooleanClause.Occur.FILTER)
                  .build();
          Sort byOrdinal =
              new Sort(
                  IntField.newSortField(Documents.ORDINAL, false, SortedNumericSelector.Type.MIN));
          StoredFields stored = s.storedFields();
          List<IndexedSentence> out = new ArrayList<>();
          for (ScoreDoc sd : s.search(query, Integer.MAX_VALUE / 2, byOrdinal).scoreDocs) {
            out.add(Documents.sentence(stored.document(sd.doc)));
          }
          return out;
        });
  }

  /**
   * The sentences up to {@code window} before and after {@code sentence} in its article, in order.
   */
  public List<IndexedSentence> neighbours(IndexedSentence sentence, int window) {
    List<IndexedSentence> all = sentences(sentence.articleId());
    int from = Math.max(0, sentence.ordinal() - window);
    int to = Math.min(all.size(), sentence.ordinal() + window + 1);
    return from >= to ? List.of() : all.subList(from, to);
  }

  /** Every article, newest first (by publication date, then by when it was indexed). */
  public List<ArticleInfo> articles() {
    return withSearcher(
        s -> {
          StoredFields stored = s.storedFields();
          List<ArticleInfo> out = new ArrayList<>();
          var query = new TermQuery(new Term(Documents.KIND, Documents.KIND_ARTICLE));
          for (ScoreDoc sd : s.search(query, Math.max(1, s.getIndexReader().numDocs())).scoreDocs) {
            out.add(Documents.article(stored.document(sd.doc)));
          }
          out.sort(NEWEST_FIRST);
          return out;
        });
  }

  static final Comparator<ArticleInfo> NEWEST_FIRST =
      Comparator.comparing((ArticleInfo a) -> a.published() == null ? "" : a.published())
          .thenComparingLong(ArticleInfo::indexedAt)
          .reversed();

  /** One article's description, if indexed. */
  public Optional<ArticleInfo> article(String id) {
    return articles().stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** Number of indexed sentences. */
  public int sentenceCount() {
    return withSearcher(
        s -> s.count(new TermQuery(new Term(Documents.KIND, Documents.KIND_SENTENCE))));
  }

  private Map<String, String> hashes() {
    Map<String, String> out = new HashMap<>();
    for (ArticleInfo a : articles()) out.put(a.id(), a.contentHash());
    return out;
  }

  private interface SearcherCall<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherCall<T> call) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return call.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw IndexException.at(location, "cannot search the index", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      if (writer != null) writer.close();
      directory.close();
    } catch (IOException e) {
      throw IndexException.at(location, "cannot close the index", e);
    }
  }

  private static void closeQuietly(Directory d) {
    if (d == null) return;
    try {
      d.close();
    } catch (IOException ignored) {
      // already failing: the original exception says why
    }
  }

  @Override
  public String toString() {
    return "StoryIndex["
        + (location == null ? "memory" : location)
        + (readOnly() ? ", read-only" : "")
        + "]";
  }
}
