package org.storybot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.storybot.article.Article;
import org.storybot.article.Sentence;

/** The Lucene documents of an article: one per sentence plus one describing the article. */
final class Documents {
  static final String KIND = "kind";
  static final String KIND_SENTENCE = "sentence";
  static final String KIND_ARTICLE = "article";
  static final String ARTICLE = "article";
  static final String ORDINAL = "ordinal";
  static final String PARAGRAPH = "paragraph";
  static final String HEADING = "heading";
  static final String TEXT = "text";
  static final String CONTEXT = "context";
  static final String VECTOR = "vector";
  static final String TITLE = "title";
  static final String SOURCE = "source";
  static final String URL = "url";
  static final String PUBLISHED = "published";
  static final String HASH = "hash";
  static final String TEXT_HASH = "textHash";
  static final String SENTENCES = "sentences";
  static final String INDEXED_AT = "indexedAt";
  static final String RELATED = "related";

  private Documents() {}

  /** The analysed terms of {@code text} in order, as the {@link #TEXT} field indexes them. */
  static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    }
    return out;
  }

  static List<Document> of(Article article, List<float[]> vectors, long indexedAt) {
    List<Document> docs = new ArrayList<>(article.sentences().size() + 1);
    Document head = new Document();
    head.add(new StringField(KIND, KIND_ARTICLE, Field.Store.NO));
    head.add(new StringField(ARTICLE, article.id(), Field.Store.YES));
    head.add(new StoredField(HASH, article.contentHash()));
    head.add(new StringField(TEXT_HASH, article.textHash(), Field.Store.YES));
    head.add(new StoredField(SENTENCES, article.sentences().size()));
    head.add(new LongField(INDEXED_AT, indexedAt, Field.Store.YES));
    for (String related : article.related()) head.add(new StoredField(RELATED, related));
    addArticleFields(head, article);
    docs.add(head);

    List<Sentence> sentences = article.sentences();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      Document doc = new Document();
      doc.add(new StringField(KIND, KIND_SENTENCE, Field.Store.NO));
      doc.add(new StringField(ARTICLE, article.id(), Field.Store.YES));
      doc.add(new IntField(ORDINAL, s.ordinal(), Field.Store.YES));
      doc.add(new StoredField(PARAGRAPH, s.paragraph()));
      if (s.heading() != null) doc.add(new StoredField(HEADING, s.heading()));
      doc.add(new TextField(TEXT, s.text(), Field.Store.YES));
      // Searchable but not stored: words around the sentence (title, heading, neighbours) help BM25
      // find a sentence whose own words leave the subject implicit ("he told NBC").
      doc.add(new TextField(CONTEXT, context(article, i), Field.Store.NO));
      doc.add(
          new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
      // Denormalised so a citation renders from the hit alone, without reading the article files.
      addArticleFields(doc, article);
      docs.add(doc);
    }
    return docs;
  }

  private static String context(Article article, int i) {
    List<Sentence> sentences = article.sentences();
    StringBuilder sb = new StringBuilder(article.title());
    Sentence s = sentences.get(i);
    if (s.heading() != null) sb.append('\n').append(s.heading());
    if (i > 0) sb.append('\n').append(sentences.get(i - 1).text());
    if (i + 1 < sentences.size()) sb.append('\n').append(sentences.get(i + 1).text());
    return sb.toString();
  }

  private static void addArticleFields(Document doc, Article article) {
    doc.add(new StoredField(TITLE, article.title()));
    if (article.source() != null) doc.add(new StoredField(SOURCE, article.source()));
    if (article.url() != null) doc.add(new StoredField(URL, article.url()));
    if (article.published() != null) doc.add(new StoredField(PUBLISHED, article.published()));
  }

  static IndexedSentence sentence(Document doc) {
    return new IndexedSentence(
        doc.get(ARTICLE),
        doc.getField(ORDINAL).numericValue().intValue(),
        doc.getField(PARAGRAPH).numericValue().intValue(),
        doc.get(HEADING),
        doc.get(TEXT),
        doc.get(TITLE),
        doc.get(URL),
        doc.get(PUBLISHED));
  }

  static ArticleInfo article(Document doc) {
    return new ArticleInfo(
        doc.get(ARTICLE),
        doc.get(TITLE),
        doc.get(SOURCE),
        doc.get(URL),
        doc.get(PUBLISHED),
        doc.getField(SENTENCES).numericValue().intValue(),
        doc.getField(INDEXED_AT).numericValue().longValue(),
        doc.get(HASH),
        doc.get(TEXT_HASH),
        List.of(doc.getValues(RELATED)));
  }

  static Document load(StoredFields fields, int doc) throws IOException {
    return fields.document(doc);
  }
}
