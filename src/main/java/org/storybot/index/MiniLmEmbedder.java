package org.storybot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * The all-MiniLM-L6-v2 sentence embedding model (quantized), run in-process from the model shipped
 * inside its Maven jar: nothing is downloaded. Loading takes about half a second, so create one per
 * JVM and share it; it is thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {
  private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) return List.of();
    if (texts.size() == 1) return List.of(model.embed(texts.getFirst()).content().vector());
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }
}
