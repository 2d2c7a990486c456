package org.storybot.rank;

/** The shipped ranking models, loaded once for the whole test JVM. */
public final class SharedRanker {
  private static Ranker instance;

  private SharedRanker() {}

  public static synchronized Ranker get() {
    if (instance == null) instance = Ranker.shipped();
    return instance;
  }
}
