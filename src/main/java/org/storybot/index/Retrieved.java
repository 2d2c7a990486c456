package org.storybot.index;

import java.util.List;

/**
 * The candidates retrieved for one question: the union of the best sentences by BM25 over sentence
 * text, by BM25 over text and context, and by embedding similarity.
 *
 * @param terms the question's analysed words, in order
 * @param candidates in no particular order
 * @param sentences how many sentences the index holds (term statistics mean little in a small one)
 */
public record Retrieved(
    String question, List<QueryTerm> terms, List<Candidate> candidates, long sentences) {
  public Retrieved {
    terms = List.copyOf(terms);
    candidates = List.copyOf(candidates);
  }
}
