package org.storybot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Retrieves the candidates for one question (the union of three lists) and measures, for each, the
 * raw signals a ranker weighs. BM25 is recomputed here for every candidate, whichever list found
 * it, so a candidate found only by its embedding still has its exact lexical scores. Not
 * thread-safe; make one per search.
 */
final class CandidateSearch {
  /** Lucene's BM25 defaults. */
  private static final float K1 = 1.2f;

  private static final float B = 0.75f;

  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final SentenceTable table;

  CandidateSearch(IndexSearcher searcher, Analyzer analyzer, SentenceTable table) {
    this.searcher = searcher;
    this.analyzer = analyzer;
    this.table = table;
  }

  Retrieved retrieve(String question, float[] vector, int perList) throws IOException {
    long sentences = searcher.getIndexReader().getDocCount(Documents.TEXT);
    List<QueryTerm> terms = queryTerms(question, sentences);
    Set<String> stems = new LinkedHashSet<>();
    terms.forEach(t -> stems.add(t.stem()));

    TopDocs sentence = stems.isEmpty() ? null : searcher.search(lexical(stems, false), perList);
    TopDocs lexical = stems.isEmpty() ? null : searcher.search(lexical(stems, true), perList);
    TopDocs nearest =
        searcher.search(new KnnFloatVectorQuery(Documents.VECTOR, vector, perList), perList);
    Map<Integer, int[]> ranks = new LinkedHashMap<>(); // doc -> {sentence, lexical, vector}
    rank(sentence, 0, ranks);
    rank(lexical, 1, ranks);
    rank(nearest, 2, ranks);

    Map<Integer, Set<String>> articleStems = articleStems(stems);
    Bm25 text = new Bm25(Documents.TEXT, terms);
    Bm25 context = new Bm25(Documents.CONTEXT, terms);
    List<Candidate> out = new ArrayList<>(ranks.size());
    for (Map.Entry<Integer, int[]> e : ranks.entrySet()) {
      int doc = e.getKey();
      IndexedSentence s = table.sentence(searcher, doc);
      if (s == null) continue; // an article document: never a candidate
      IndexedSentence previous = neighbour(doc - 1, s.articleId());
      IndexedSentence next = neighbour(doc + 1, s.articleId());
      int parent = table.article(searcher, doc);
      int size = parent < 0 ? 1 : Math.max(1, table.articleSize(searcher, parent));
      List<String> own = table.terms(searcher, doc);
      // The context: title, heading and the neighbouring sentences (their terms kept by the table).
      List<String> near =
          new ArrayList<>(
              Documents.terms(
                  analyzer, s.heading() == null ? s.title() : s.title() + "\n" + s.heading()));
      if (previous != null) near.addAll(table.terms(searcher, doc - 1));
      if (next != null) near.addAll(table.terms(searcher, doc + 1));
      int[] r = e.getValue();
      out.add(
          new Candidate(
              s,
              previous == null ? "" : previous.text(),
              next == null ? "" : next.text(),
              size,
              Vectors.similarity(searcher, doc, vector),
              text.score(own),
              context.score(near),
              r[0],
              r[1],
              r[2],
              own,
              new HashSet<>(near),
              articleStems.getOrDefault(parent, Set.of())));
    }
    return new Retrieved(question, terms, out, sentences);
  }

  private static void rank(TopDocs docs, int list, Map<Integer, int[]> ranks) {
    if (docs == null) return;
    for (int i = 0; i < docs.scoreDocs.length; i++) {
      int[] r = ranks.computeIfAbsent(docs.scoreDocs[i].doc, d -> new int[] {-1, -1, -1});
      if (r[list] < 0) r[list] = i;
    }
  }

  private static BooleanQuery lexical(Set<String> stems, boolean withContext) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : stems) {
      b.add(new TermQuery(new Term(Documents.TEXT, t)), BooleanClause.Occur.SHOULD);
      if (withContext) {
        b.add(
            new BoostQuery(
                new TermQuery(new Term(Documents.CONTEXT, t)), HybridSearch.CONTEXT_BOOST),
            BooleanClause.Occur.SHOULD);
      }
    }
    return b.build();
  }

  /**
   * The question's words in order, each with its stem and idf among the index's {@code sentences};
   * stop words are left out.
   */
  private List<QueryTerm> queryTerms(String question, long sentences) throws IOException {
    var reader = searcher.getIndexReader();
    long n = Math.max(1, sentences);
    List<QueryTerm> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(Documents.TEXT, question)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String stem = term.toString();
        int df = reader.docFreq(new Term(Documents.TEXT, stem));
        float idf = (float) Math.log(1 + (n - df + 0.5) / (df + 0.5));
        String word = question.substring(offset.startOffset(), offset.endOffset());
        out.add(new QueryTerm(word, stem, idf, df > 0));
      }
      ts.end();
    }
    return out;
  }

  /** For each article doc holding any of {@code stems} in a sentence: which ones. */
  private Map<Integer, Set<String>> articleStems(Set<String> stems) throws IOException {
    Map<Integer, Set<String>> out = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      var terms = leaf.reader().terms(Documents.TEXT);
      if (terms == null) continue;
      TermsEnum te = terms.iterator();
      int[] parents = table.articles(leaf);
      for (String stem : stems) {
        if (!te.seekExact(new org.apache.lucene.util.BytesRef(stem))) continue;
        PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          int parent = parents[d];
          if (parent >= 0) {
            out.computeIfAbsent(leaf.docBase + parent, p -> new HashSet<>()).add(stem);
          }
        }
      }
    }
    return out;
  }

  /** The sentence at {@code doc} if it belongs to the same article, else null. */
  private IndexedSentence neighbour(int doc, String articleId) throws IOException {
    if (doc < 0 || doc >= searcher.getIndexReader().maxDoc()) return null;
    IndexedSentence s = table.sentence(searcher, doc);
    return s != null && s.articleId().equals(articleId) ? s : null;
  }

  /** BM25 of the question's terms against one field's text, with that field's statistics. */
  private final class Bm25 {
    private final Map<String, Float> idf = new HashMap<>();
    private final float averageLength;

    Bm25(String field, List<QueryTerm> terms) throws IOException {
      var reader = searcher.getIndexReader();
      CollectionStatistics stats = searcher.collectionStatistics(field);
      long n = stats == null ? 1 : stats.docCount();
      averageLength = stats == null ? 1f : (float) stats.sumTotalTermFreq() / stats.docCount();
      for (QueryTerm t : terms) {
        int df = reader.docFreq(new Term(field, t.stem()));
        idf.put(t.stem(), (float) Math.log(1 + (n - df + 0.5) / (df + 0.5)));
      }
    }

    float score(List<String> tokens) {
      if (idf.isEmpty() || tokens.isEmpty()) return 0f;
      Map<String, Integer> tf = new HashMap<>();
      for (String t : tokens) if (idf.containsKey(t)) tf.merge(t, 1, Integer::sum);
      float norm = K1 * (1 - B + B * tokens.size() / averageLength);
      float score = 0;
      for (Map.Entry<String, Integer> e : tf.entrySet()) {
        score += idf.get(e.getKey()) * e.getValue() / (e.getValue() + norm);
      }
      return score;
    }
  }
}
