package org.storybot.answer;

import org.storybot.index.Hit;
import org.storybot.index.IndexedSentence;

/**
 * A retrieved sentence with how strongly it supports answering the question.
 *
 * @param support in [0, 1]: a blend of embedding similarity, term coverage and answer type
 */
record Evidence(Hit hit, double support) {
  IndexedSentence sentence() {
    return hit.sentence();
  }
}
