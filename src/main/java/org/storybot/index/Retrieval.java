package org.storybot.index;

/** Which retrievers a search uses. */
public enum Retrieval {
  /** BM25 over the sentence text (and, weaker, its context). */
  LEXICAL,
  /** Nearest neighbours of the question's embedding. */
  VECTOR,
  /** Both, fused by reciprocal rank. */
  HYBRID
}
