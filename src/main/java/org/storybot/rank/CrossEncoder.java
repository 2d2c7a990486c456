package org.storybot.rank;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder: reads a question and a sentence together and scores how well the sentence
 * answers it (a logit). Trained here ({@code tools/train-cross-encoder}) from MiniLM's first layers
 * and run in-process with ONNX Runtime. Thread-safe; {@link #close} frees the native session.
 */
final class CrossEncoder implements AutoCloseable {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final PairEncoder encoder;

  CrossEncoder(String name, byte[] model, PairEncoder encoder, int threads) {
    this.encoder = encoder;
    try (var options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      // Waiting threads sleep instead of spinning: on two busy cores a spinning pool starves the
      // thread doing the work.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = environment.createSession(model, options);
    } catch (OrtException e) {
      throw new ModelException(name, "cannot be loaded by ONNX Runtime", e);
    }
  }

  /** The logit of each sentence for {@code question}, in order. */
  float[] score(String question, List<String> sentences) {
    if (sentences.isEmpty()) return new float[0];
    long[] q = encoder.question(question);
    long[][] pairs = new long[sentences.size()][];
    for (int i = 0; i < pairs.length; i++) pairs[i] = encoder.pair(q, sentences.get(i));
    return run(pairs);
  }

  /** The logit of each complete input sequence (as {@link PairEncoder#pair} builds them). */
  float[] run(long[][] pairs) {
    int rows = pairs.length;
    int width = Arrays.stream(pairs).mapToInt(p -> p.length).max().orElse(0);
    long[] shape = {rows, width};
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    long[] types = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      long[] p = pairs[r];
      System.arraycopy(p, 0, ids, r * width, p.length);
      Arrays.fill(mask, r * width, r * width + p.length, 1);
      System.arraycopy(PairEncoder.types(p), 0, types, r * width, p.length);
    }
    try (var idT = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        var maskT = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        var typeT = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            session.run(
                Map.of("input_ids", idT, "attention_mask", maskT, "token_type_ids", typeT))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] logits = new float[rows];
      out.get(logits);
      return logits;
    } catch (OrtException e) {
      throw new IllegalStateException("the cross-encoder failed on " + rows + " pairs", e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the cross-encoder", e);
    }
  }
}
