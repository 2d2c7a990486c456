package org.storybot.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the sentence splitter. Without {@code JAZZER_FUZZ} this runs the seeds in {@code
 * SentenceSplitterFuzzTestInputs/splitsAnyText}; with it, Jazzer mutates them for {@code
 * maxDuration}.
 */
class SentenceSplitterFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void splitsAnyText(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    List<SentenceSplitter.Span> spans = SentenceSplitter.split(text);

    int previousEnd = 0;
    for (SentenceSplitter.Span span : spans) {
      assertThat(span.start())
          .as("span %s starts after the previous one", span)
          .isGreaterThanOrEqualTo(previousEnd);
      assertThat(span.end())
          .as("span %s ends inside the text", span)
          .isLessThanOrEqualTo(text.length());
      String sentence = text.substring(span.start(), span.end());
      assertThat(SentenceSplitter.isSpace(sentence.charAt(0))).isFalse();
      assertThat(SentenceSplitter.isSpace(sentence.charAt(sentence.length() - 1))).isFalse();
      assertThat(onlySpace(text, previousEnd, span.start()))
          .as("nothing but space between sentences before %s", span)
          .isTrue();
      previousEnd = span.end();
    }
    assertThat(onlySpace(text, previousEnd, text.length()))
        .as("nothing but space after the last sentence")
        .isTrue();
  }

  private static boolean onlySpace(String text, int from, int to) {
    for (int i = from; i < to; i++) if (!SentenceSplitter.isSpace(text.charAt(i))) return false;
    return true;
  }
}
