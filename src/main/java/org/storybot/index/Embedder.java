package org.storybot.index;

import java.util.List;

/** Turns text into L2-normalised vectors. Implementations are thread-safe. */
public interface Embedder {
  /** Length of every vector this embedder returns. */
  int dimension();

  /** Embeds several texts at once (faster than one by one); same order as {@code texts}. */
  List<float[]> embedAll(List<String> texts);

  /** Embeds a question for searching sentences (some models want an instruction before it). */
  default float[] embedQuery(String question) {
    return embed(question);
  }

  /** Embeds one text. */
  default float[] embed(String text) {
    return embedAll(List.of(text)).getFirst();
  }
}
