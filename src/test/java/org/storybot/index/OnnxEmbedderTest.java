package org.storybot.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
  private static final List<String> TEXTS =
      List.of(
          "The fire broke out shortly after midnight on Tuesday.",
          "Who was arrested?",
          "\"We lost everything,\" said Maria Lopez, 54, who has lived on the street since 1998.",
          "Investigators from the state fire marshal's office are examining the cause.",
          "Résumé, naïve café — ünïcödé text, and numbers like 3.14 or 1,200.",
          "Short.");

  private final Embedder embedder = SharedEmbedder.get();

  @Test
  void embedsOneTextExactlyAsLangChain4jsModelDoes() {
    var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
    for (String text : TEXTS) {
      float[] theirs = reference.embed(text).content().vector();
      assertEquals(1.0, dot(embedder.embed(text), theirs), 1e-5, text);
    }
  }

  @Test
  void embedsManyTextsInBatchesInTheirOrderCloseToEachAlone() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 30; i++)
      many.add("Sentence number " + i + " of the test: " + TEXTS.get(i % 6));
    many.add(TEXTS.get(0));
    many.add(TEXTS.get(0));
    List<float[]> vectors = embedder.embedAll(many);
    assertEquals(many.size(), vectors.size());
    for (int i = 0; i < many.size(); i++) {
      float[] alone = embedder.embed(many.get(i));
      assertEquals(1.0, dot(vectors.get(i), alone), 0.02, many.get(i));
      assertEquals(1.0, dot(vectors.get(i), vectors.get(i)), 1e-5, "L2-normalised");
      assertEquals(embedder.dimension(), vectors.get(i).length);
      for (int j = 0; j < many.size(); j++) {
        if (j != i && !many.get(j).equals(many.get(i))) {
          assertTrue(
              dot(vectors.get(i), alone) > dot(vectors.get(j), alone),
              "the vector at " + i + " is nearest its own text, not text " + j);
        }
      }
    }
    assertEquals(1.0, dot(vectors.get(30), vectors.get(31)), 1e-6, "a repeated text, one vector");
  }

  @Test
  void embedsTheSameListTheSameWayEveryTime() {
    List<float[]> once = embedder.embedAll(TEXTS);
    List<float[]> again = embedder.embedAll(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertEquals(1.0, dot(once.get(i), again.get(i)), 1e-6, TEXTS.get(i));
    }
  }

  @Test
  void loadingTheTokenizerTurnsOffDjlsCallHome() {
    assertEquals(384, embedder.embed("a question").length);
    // DJL reads these before it would ask 169.254.169.254 who runs it and report telemetry
    assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
    assertEquals("true", System.getProperty("ai.djl.offline"));
  }

  @Test
  void cutsTextsLongerThanTheModelTakes() {
    String longText = "The council met again to discuss the budget. ".repeat(200);
    float[] v = embedder.embed(longText);
    assertEquals(1.0, dot(v, v), 1e-5);
  }

  @Test
  void refusesBlankText() {
    assertThrows(IllegalArgumentException.class, () -> embedder.embed("  \n "));
    assertThrows(IllegalArgumentException.class, () -> embedder.embedAll(List.of("a", " ")));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }
}
