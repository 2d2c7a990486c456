package org.storybot.index;

import java.util.List;
import java.util.Set;

/**
 * A sentence retrieved for a question, with the raw signals a ranker weighs.
 *
 * @param previous the sentence before it in its article, or "" when it is the first
 * @param next the sentence after it, or ""
 * @param articleSentences how many sentences its article has
 * @param similarity cosine of question and sentence embeddings
 * @param bm25 BM25 of the question against the sentence's own text
 * @param contextBm25 BM25 of the question against the sentence's context (title, heading,
 *     neighbours)
 * @param sentenceRank rank (from 0) in the BM25 list over sentence text, or -1 when not in it
 * @param lexicalRank rank in the BM25 list over text and context, or -1
 * @param vectorRank rank in the nearest-neighbour list, or -1
 * @param stems the sentence's analysed terms, in order (stop words left out)
 * @param nearStems the analysed terms of its title, heading and neighbours
 * @param articleStems which of the question's terms its article holds anywhere
 */
public record Candidate(
    IndexedSentence sentence,
    String previous,
    String next,
    int articleSentences,
    float similarity,
    float bm25,
    float contextBm25,
    int sentenceRank,
    int lexicalRank,
    int vectorRank,
    List<String> stems,
    Set<String> nearStems,
    Set<String> articleStems) {}
