package org.storybot.rank;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.storybot.index.OnnxEmbedder;

/**
 * Token ids of a (question, sentence) pair as the cross-encoder reads them: {@code [CLS] question
 * [SEP] sentence [SEP]}, the question cut at {@value #MAX_QUESTION} word pieces and the whole at
 * {@value #MAX_LENGTH}. The same code writes the training pairs and feeds the model at serving
 * time, so the two cannot drift. Uses MiniLM's uncased WordPiece vocabulary, shipped in
 * LangChain4j's jar. Thread-safe; close it to free the native tokenizer.
 */
final class PairEncoder implements AutoCloseable {
  static final int MAX_QUESTION = 24;
  static final int MAX_LENGTH = 64;
  static final long CLS = 101;
  static final long SEP = 102;
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private final HuggingFaceTokenizer tokenizer;

  PairEncoder() {
    try (InputStream in = PairEncoder.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
      if (in == null) throw new IOException(TOKENIZER + " is not on the class path");
      tokenizer = OnnxEmbedder.wordPieces(in, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the word-piece tokenizer", e);
    }
  }

  /** The question's word pieces, cut to {@value #MAX_QUESTION}. */
  long[] question(String question) {
    long[] ids = tokenizer.encode(question, false, false).getIds();
    return ids.length > MAX_QUESTION ? Arrays.copyOf(ids, MAX_QUESTION) : ids;
  }

  /** The model input for {@code question} (from {@link #question}) and {@code sentence}. */
  long[] pair(long[] question, String sentence) {
    long[] s = tokenizer.encode(sentence, false, false).getIds();
    int room = MAX_LENGTH - 3 - question.length;
    int n = Math.min(room, s.length);
    long[] ids = new long[question.length + n + 3];
    ids[0] = CLS;
    System.arraycopy(question, 0, ids, 1, question.length);
    ids[question.length + 1] = SEP;
    System.arraycopy(s, 0, ids, question.length + 2, n);
    ids[ids.length - 1] = SEP;
    return ids;
  }

  /** Token types: 0 up to and including the first [SEP], 1 after it. */
  static long[] types(long[] ids) {
    long[] types = new long[ids.length];
    int first = 0;
    while (ids[first] != SEP) first++;
    Arrays.fill(types, first + 1, ids.length, 1);
    return types;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
