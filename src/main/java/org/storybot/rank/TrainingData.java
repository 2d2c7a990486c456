package org.storybot.rank;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labelled data the models learn from, read from the shared data sets folder: SQuAD v1.1 dev
 * (every question answerable) and SQuAD 2.0 dev (the CS224n half plus the 5-article subset, merged
 * by paragraph: a third of the questions unanswerable).
 *
 * @param squad1 SQuAD v1.1 dev
 * @param squad2 SQuAD 2.0's paragraphs, each once, with all their questions
 */
record TrainingData(Squad.Data squad1, Squad.Data squad2) {
  static final String SQUAD1 = "squad-dev-v1.1.json";
  static final List<String> SQUAD2 =
      List.of("squad2-dev-cs224n-half.json", "squad2-dev-subset.json");

  /**
   * Reads the data sets, at most {@code perTopic} paragraphs of each Wikipedia article (a slice
   * that still spans every fold, for tests).
   */
  static TrainingData read(Path datasets, int perTopic) {
    Squad.Data squad1 =
        Squad.read(require(datasets.resolve(SQUAD1)), Integer.MAX_VALUE).perTopic(perTopic);
    List<Squad.Paragraph> merged = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int skipped = 0;
    for (String file : SQUAD2) {
      Squad.Data d =
          Squad.read(require(datasets.resolve(file)), Integer.MAX_VALUE).perTopic(perTopic);
      skipped += d.skippedParagraphs();
      for (Squad.Paragraph p : d.paragraphs()) {
        if (seen.add(p.article().body())) merged.add(p);
      }
    }
    return new TrainingData(squad1, new Squad.Data(merged, skipped));
  }

  Set<String> squad2Topics() {
    Set<String> topics = new HashSet<>();
    for (Squad.Paragraph p : squad2.paragraphs()) topics.add(p.topic());
    return topics;
  }

  private static Path require(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no training data at " + file);
    }
    return file;
  }
}
