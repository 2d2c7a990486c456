package org.storybot.subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.storybot.article.Article;
import org.storybot.article.Sentence;

/**
 * A keyword subscription's query. Syntax: words separated by spaces, and {@code "quoted phrases"};
 * each word or phrase is one clause, analysed like the story index (English stemming, stop words
 * dropped). An article matches when its title or text holds every clause of a one- or two-clause
 * query, or at least 60% of the clauses of a longer one ({@code gaza ceasefire talks} needs two of
 * the three). Immutable and thread-safe.
 */
final class KeywordQuery {
  static final String FIELD = "text";
  static final int MAX_LENGTH = 200;
  static final int MAX_CLAUSES = 12;
  private static final Pattern CLAUSE = Pattern.compile("\"([^\"]*)\"?|([^\\s\"]+)");

  private final Query query;
  private final int clauses;
  private final int required;

  private KeywordQuery(Query query, int clauses, int required) {
    this.query = query;
    this.clauses = clauses;
    this.required = required;
  }

  /**
   * Parses {@code keywords}.
   *
   * @throws IllegalArgumentException with a message fit to show the user, when the keywords are too
   *     long, too many, or hold no searchable word
   */
  static KeywordQuery parse(String keywords, Analyzer analyzer) {
    String text = keywords == null ? "" : keywords.strip();
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Keywords are limited to " + MAX_LENGTH + " characters; please shorten them.");
    }
    List<Query> parts = new ArrayList<>();
    Matcher m = CLAUSE.matcher(text);
    while (m.find()) {
      String part = m.group(1) != null ? m.group(1) : m.group(2);
      Query q = clause(part, analyzer);
      if (q != null && !parts.contains(q)) parts.add(q);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(
          "Those keywords hold no searchable word (very common words like \"the\" are ignored).");
    }
    if (parts.size() > MAX_CLAUSES) {
      throw new IllegalArgumentException(
          "Please use at most " + MAX_CLAUSES + " keywords or phrases.");
    }
    int required = parts.size() <= 2 ? parts.size() : (int) Math.ceil(parts.size() * 0.6);
    BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(required);
    for (Query q : parts) b.add(q, BooleanClause.Occur.SHOULD);
    return new KeywordQuery(b.build(), parts.size(), required);
  }

  /** A term query for one analysed token, a phrase query for several, null for none. */
  private static Query clause(String text, Analyzer analyzer) {
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    List<String> terms = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        terms.add(term.toString());
        phrase.add(new Term(FIELD, term.toString()), position);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse keywords", e); // in-memory: never happens
    }
    if (terms.isEmpty()) return null;
    if (terms.size() == 1) return new TermQuery(new Term(FIELD, terms.getFirst()));
    return phrase.build();
  }

  /** A one-document index of {@code article}'s title and sentences, to match queries against. */
  static MemoryIndex indexOf(Article article, Analyzer analyzer) {
    StringBuilder text = new StringBuilder(article.title());
    for (Sentence s : article.sentences()) text.append('\n').append(s.text());
    MemoryIndex index = new MemoryIndex();
    index.addField(FIELD, text.toString(), analyzer);
    return index;
  }

  boolean matches(MemoryIndex article) {
    return article.search(query) > 0f;
  }

  int clauses() {
    return clauses;
  }

  int required() {
    return required;
  }

  @Override
  public String toString() {
    return query.toString();
  }
}
