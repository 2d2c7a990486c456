/**
 * Learned ranking of retrieved sentences and the decision to abstain: features, gradient-boosted
 * trees, a cross-encoder trained here, e5-small-v2's reading of the best few sentences, and {@code
 * storybot train}, which rebuilds them from labelled data. {@link org.storybot.rank.Ranker} serves;
 * {@link org.storybot.rank.Training} learns.
 */
package org.storybot.rank;
