package org.storybot.rank;

/**
 * Splits labelled data into folds by topic (the Wikipedia article a SQuAD paragraph comes from), so
 * no topic is both learned from and tested on. The split depends on the topic's name alone, through
 * {@link String#hashCode} (fixed by the language specification): every run, every slice and every
 * tool puts a topic in the same fold.
 *
 * <ul>
 *   <li>Folds 0 to 2 train the cross-encoder (its settings chosen on fold 2) and the first stage.
 *   <li>Fold 3 trains the second stage and the abstention model, which take the cross-encoder's
 *       score as a feature: there it is never a score on data the cross-encoder learned from. Its
 *       two {@link #part}s stand in for each other to give out-of-fold predictions (for the
 *       abstention model's inputs and threshold).
 *   <li>Fold 4 is the test fold: no model learns from it and nothing is chosen by it. Every quality
 *       figure reported comes from it, measured with the shipped models.
 * </ul>
 */
public final class Folds {
  /** How many folds there are. */
  public static final int COUNT = 5;

  private Folds() {}

  /** The fold of a topic, 0 to {@value #COUNT} - 1. */
  public static int of(String topic) {
    return Math.floorMod(topic.hashCode(), COUNT);
  }

  /** Which half of its fold a topic falls in, 0 or 1. */
  static int part(String topic) {
    return Math.floorMod(topic.hashCode() / COUNT, 2);
  }

  /** Folds 0, 1 and 2 train the cross-encoder and the first stage. */
  public static boolean isCrossEncoderFold(int fold) {
    return fold <= 2;
  }

  /** Fold 3 trains the second stage and the abstention model. */
  public static boolean isTuning(int fold) {
    return fold == 3;
  }

  /** Fold 4 is held out for testing. */
  public static boolean isTest(int fold) {
    return fold == 4;
  }
}
