package org.storybot.rank;

import java.util.Set;

/**
 * A labelled question to ask of an index: its fold and part ({@link Folds}), its gold sentences
 * (empty: none there).
 */
record Asked(String id, int fold, int part, String text, Set<String> gold) {}
