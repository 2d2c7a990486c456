package org.storybot.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.util.BytesRef;

/**
 * Every sentence of the index held in memory once read, segment by segment, so ranking a hundred
 * candidates and their neighbours reads no stored fields twice (decompressing them was most of a
 * search's cost). When a searcher over a segment is opened (Lucene's warming hook) only its
 * structure is read: which documents are articles (from the postings of {@code kind:article}); a
 * sentence's stored fields, and an article's number of sentences, are read the first time a
 * question needs them and kept (reading all 41,591 sentences of a big index up front took most of a
 * second of every start). Dropped when the segment closes. About 300 bytes a sentence read. A
 * sentence's analysed terms are kept too, from the first time a question needs them (a candidate's
 * terms and its neighbours' are read for every question it comes up in). Thread-safe.
 */
final class SentenceTable extends SearcherFactory {
  /**
   * One segment, per document: its sentence once read, its article's document (local id, -1 if
   * none; the document itself for an article document) and, for an article document, its number of
   * sentences once read.
   */
  private record Segment(
      LeafReader reader,
      IndexedSentence[] sentences,
      int[] articles,
      int[] articleSizes,
      List<String>[] terms) {

    /** The sentence at local {@code doc}, or null for an article document. */
    IndexedSentence sentence(int doc) throws IOException {
      if (articles[doc] == doc) return null;
      IndexedSentence s = sentences[doc];
      if (s == null) {
        Document stored = reader.storedFields().document(doc);
        if (stored.get(Documents.TEXT) == null) return null;
        s = Documents.sentence(stored);
        sentences[doc] = s; // a race only reads the same immutable sentence twice
      }
      return s;
    }

    /** For an article document, its number of sentences (read once); 0 otherwise. */
    int articleSize(int doc) throws IOException {
      if (articles[doc] != doc) return 0;
      int size = articleSizes[doc];
      if (size == 0) {
        IndexableField count =
            reader
                .storedFields()
                .document(doc, Set.of(Documents.SENTENCES))
                .getField(Documents.SENTENCES);
        size = count == null ? 0 : count.numericValue().intValue();
        articleSizes[doc] = size;
      }
      return size;
    }
  }

  private final Map<Object, Segment> segments = new ConcurrentHashMap<>();
  private final Analyzer analyzer;

  SentenceTable(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) segment(leaf.reader());
    return new IndexSearcher(reader);
  }

  /** The sentence at {@code doc} (a top-level doc id), or null for an article document. */
  IndexedSentence sentence(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return segment(leaf.reader()).sentence(doc - leaf.docBase);
  }

  /**
   * The analysed terms of the sentence at {@code doc} (a top-level doc id), in order, as {@link
   * Documents#terms} gives them; empty for an article document.
   */
  List<String> terms(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    Segment segment = segment(leaf.reader());
    int local = doc - leaf.docBase;
    List<String> terms = segment.terms()[local];
    if (terms == null) {
      IndexedSentence s = segment.sentence(local);
      // Interned: the table then costs a reference per term, the vocabulary is shared.
      terms =
          s == null
              ? List.of()
              : Documents.terms(analyzer, s.text()).stream().map(String::intern).toList();
      segment.terms()[local] = terms; // a race only computes the same immutable list twice
    }
    return terms;
  }

  /** The article document (top-level id) of the sentence at {@code doc}, or -1. */
  int article(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    int a = segment(leaf.reader()).articles()[doc - leaf.docBase];
    return a < 0 ? -1 : leaf.docBase + a;
  }

  /** Per local document of {@code leaf}: its article's local document, or -1. */
  int[] articles(LeafReaderContext leaf) throws IOException {
    return segment(leaf.reader()).articles();
  }

  /** For an article document (top-level id), its number of sentences; 0 otherwise. */
  int articleSize(IndexSearcher searcher, int doc) throws IOException {
    var leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return segment(leaf.reader()).articleSize(doc - leaf.docBase);
  }

  private Segment segment(LeafReader reader) throws IOException {
    var helper = reader.getCoreCacheHelper();
    Object key = helper == null ? reader : helper.getKey();
    Segment s = segments.get(key);
    if (s != null) return s;
    s = load(reader);
    if (segments.putIfAbsent(key, s) == null && helper != null) {
      helper.addClosedListener(segments::remove);
    }
    return segments.get(key);
  }

  /** A segment's structure: its article documents; sentences and sizes are read when needed. */
  private static Segment load(LeafReader reader) throws IOException {
    int max = reader.maxDoc();
    int[] articles = new int[max];
    Arrays.fill(articles, -1);
    // Documents come in blocks, an article then its sentences: each document's article is the
    // nearest article document at or before it (deleted blocks included, as stored fields are)
    var kinds = reader.terms(Documents.KIND);
    var te = kinds == null ? null : kinds.iterator();
    if (te != null && te.seekExact(new BytesRef(Documents.KIND_ARTICLE))) {
      PostingsEnum heads = te.postings(null, PostingsEnum.NONE);
      int at = 0, article = -1;
      for (int d = heads.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = heads.nextDoc()) {
        Arrays.fill(articles, at, d, article);
        article = d;
        at = d;
      }
      Arrays.fill(articles, at, max, article);
    }
    @SuppressWarnings("unchecked")
    List<String>[] terms = new List[max];
    return new Segment(reader, new IndexedSentence[max], articles, new int[max], terms);
  }
}
