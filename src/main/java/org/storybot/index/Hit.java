package org.storybot.index;

/**
 * One retrieved sentence.
 *
 * @param score fused reciprocal-rank score (higher is better); only comparable within one search
 * @param similarity cosine similarity of question and sentence embeddings, in [-1, 1]
 * @param coverage share of the question's term weight (IDF) found in the sentence, in [0, 1]; terms
 *     found only in the sentence's title, heading or previous sentence count half
 * @param lexicalRank rank in the BM25 list (from 0), or -1 when not in it
 * @param vectorRank rank in the embedding list (from 0), or -1 when not in it
 */
public record Hit(
    IndexedSentence sentence,
    float score,
    float similarity,
    float coverage,
    int lexicalRank,
    int vectorRank) {}
