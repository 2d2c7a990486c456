package org.storybot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * One hybrid search: BM25 over the sentence text (and, weaker, its context) plus a kNN search over
 * sentence embeddings, fused with reciprocal rank fusion. Not thread-safe; make one per search.
 */
final class HybridSearch {
  /** How far down each list we look before fusing. */
  static final int CANDIDATES = 50;

  /** RRF's k: 60 as in Cormack et al. */
  static final int RRF_K = 60;

  /** Weight of the context field relative to the sentence's own text. */
  static final float CONTEXT_BOOST = 0.3f;

  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final SentenceTable table;

  HybridSearch(IndexSearcher searcher, Analyzer analyzer, SentenceTable table) {
    this.searcher = searcher;
    this.analyzer = analyzer;
    this.table = table;
  }

  List<Hit> search(String question, float[] vector, int k, Retrieval mode) throws IOException {
    Map<String, Float> weights = termWeights(question);
    Query lexical = lexicalQuery(weights.keySet(), mode != Retrieval.SENTENCE_BM25);
    int depth = Math.max(k, CANDIDATES);
    TopDocs lex =
        lexical == null || mode == Retrieval.VECTOR ? EMPTY : searcher.search(lexical, depth);
    TopDocs vec =
        mode == Retrieval.LEXICAL || mode == Retrieval.SENTENCE_BM25
            ? EMPTY
            : searcher.search(new KnnFloatVectorQuery(Documents.VECTOR, vector, depth), depth);
    TopDocs fused =
        switch (mode) {
          case LEXICAL, SENTENCE_BM25 -> lex;
          case VECTOR -> vec;
          case HYBRID -> TopDocs.rrf(k, RRF_K, new TopDocs[] {lex, vec});
        };
    Map<Integer, Integer> lexRanks = ranks(lex);
    Map<Integer, Integer> vecRanks = ranks(vec);

    List<Hit> hits = new ArrayList<>(Math.min(k, fused.scoreDocs.length));
    for (ScoreDoc sd : fused.scoreDocs) {
      if (hits.size() == k) break;
      IndexedSentence sentence = table.sentence(searcher, sd.doc);
      hits.add(
          new Hit(
              sentence,
              sd.score,
              Vectors.similarity(searcher, sd.doc, vector),
              coverage(weights, sentence, sd.doc),
              lexRanks.getOrDefault(sd.doc, -1),
              vecRanks.getOrDefault(sd.doc, -1)));
    }
    return hits;
  }

  private static final TopDocs EMPTY =
      new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);

  private static Map<Integer, Integer> ranks(TopDocs docs) {
    Map<Integer, Integer> ranks = new HashMap<>();
    for (int i = 0; i < docs.scoreDocs.length; i++) ranks.putIfAbsent(docs.scoreDocs[i].doc, i);
    return ranks;
  }

  /** The analysed question terms, each with its BM25 idf in the sentence field. */
  Map<String, Float> termWeights(String question) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    long n = Math.max(1, reader.getDocCount(Documents.TEXT));
    Map<String, Float> weights = new LinkedHashMap<>();
    for (String term : terms(question)) {
      int df = reader.docFreq(new Term(Documents.TEXT, term));
      weights.put(term, (float) Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    return weights;
  }

  private Query lexicalQuery(Set<String> terms, boolean withContext) {
    if (terms.isEmpty()) return null;
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(new TermQuery(new Term(Documents.TEXT, t)), BooleanClause.Occur.SHOULD);
      if (!withContext) continue;
      b.add(
          new BoostQuery(new TermQuery(new Term(Documents.CONTEXT, t)), CONTEXT_BOOST),
          BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  Set<String> terms(String text) throws IOException {
    return new HashSet<>(Documents.terms(analyzer, text));
  }

  /**
   * The share of the question's idf found in the sentence (whole) or around it: its title, heading
   * and the previous sentence of its article (half). Sentences' terms come from the table.
   */
  private float coverage(Map<String, Float> weights, IndexedSentence sentence, int doc)
      throws IOException {
    if (weights.isEmpty()) return 0f;
    List<String> own = table.terms(searcher, doc);
    Set<String> around =
        terms(sentence.title() + "\n" + (sentence.heading() == null ? "" : sentence.heading()));
    if (sentence.ordinal() > 0 && doc > 0) {
      IndexedSentence previous = table.sentence(searcher, doc - 1);
      if (previous != null && previous.articleId().equals(sentence.articleId())) {
        around.addAll(table.terms(searcher, doc - 1));
      }
    }
    float total = 0;
    float found = 0;
    for (Map.Entry<String, Float> e : weights.entrySet()) {
      total += e.getValue();
      if (own.contains(e.getKey())) found += e.getValue();
      else if (around.contains(e.getKey())) found += e.getValue() / 2;
    }
    return total == 0 ? 0f : found / total;
  }
}
