package org.storybot.index;

/**
 * One analysed word of a question.
 *
 * @param word the word as the question spells it
 * @param stem the term the index holds for it (lower-cased, stemmed)
 * @param idf its BM25 inverse document frequency among sentences (high = rare)
 * @param known whether any sentence holds the term at all
 */
public record QueryTerm(String word, String stem, float idf, boolean known) {}
