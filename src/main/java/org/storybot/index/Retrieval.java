package org.storybot.index;

/** Which retrievers a search uses. */
public enum Retrieval {
  /** BM25 over the sentence text (and, weaker, its context). */
  LEXICAL,
  /**
   * BM25 over the sentence text alone, no context: the classic baseline (ReQA's), kept so the
   * benchmark can show what the context field adds.
   */
  SENTENCE_BM25,
  /** Nearest neighbours of the question's embedding. */
  VECTOR,
  /** Both, fused by reciprocal rank. */
  HYBRID
}
