package org.storybot.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * Every sentence of the index held in memory, segment by segment, so ranking a hundred candidates
 * and their neighbours reads no stored fields (decompressing them was most of a search's cost). A
 * segment's table is built when a searcher over it is opened (Lucene's warming hook, so no question
 * waits for it) and dropped when the segment closes. About 300 bytes a sentence. A sentence's
 * analysed terms are kept too, from the first time a question needs them (a candidate's terms and
 * its neighbours' are read for every question it comes up in). Thread-safe.
 */
final class SentenceTable extends SearcherFactory {
  /**
   * One segment, per document: its sentence (null for an article document), its article's document
   * (local id, -1 if none) and, for an article document, its number of sentences.
   */
  private record Segment(
      IndexedSentence[] sentences, int[] articles, int[] articleSizes, List<String>[] terms) {}

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
    return segment(leaf.reader()).sentences()[doc - leaf.docBase];
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
      IndexedSentence s = segment.sentences()[local];
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
    return segment(leaf.reader()).articleSizes()[doc - leaf.docBase];
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

  private static Segment load(LeafReader reader) throws IOException {
    int max = reader.maxDoc();
    IndexedSentence[] sentences = new IndexedSentence[max];
    int[] articles = new int[max];
    int[] sizes = new int[max];
    StoredFields stored = reader.storedFields();
    int article = -1; // documents come in blocks: an article, then its sentences
    for (int d = 0; d < max; d++) {
      Document doc = stored.document(d);
      if (doc.get(Documents.TEXT) != null) {
        sentences[d] = Documents.sentence(doc);
      } else if (doc.getField(Documents.SENTENCES) != null) {
        sizes[d] = doc.getField(Documents.SENTENCES).numericValue().intValue();
        article = d;
      }
      articles[d] = article;
    }
    @SuppressWarnings("unchecked")
    List<String>[] terms = new List[max];
    return new Segment(sentences, articles, sizes, terms);
  }
}
