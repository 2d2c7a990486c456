package org.storybot.index;

/** The real embedding model, loaded once for the whole test JVM (loading costs about a second). */
public final class SharedEmbedder {
  private static Embedder instance;

  private SharedEmbedder() {}

  public static synchronized Embedder get() {
    if (instance == null) instance = OnnxEmbedder.miniLm();
    return instance;
  }
}
