package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.index.IndexedSentence;

/**
 * Fuzzes the check of an LLM's reply: whatever the model says, every citation of the answer is one
 * of the sources it was given, every marker points at a citation, and no sentence without a marker
 * survives.
 *
 * <p>An input is UTF-8 lines: lines starting {@code source: } are the source sentences (three stock
 * ones when there are none), all others are the model's reply. Seeds are in {@code
 * LlmAnswersFuzzTestInputs/checksAnyReply}.
 */
class LlmAnswersFuzzTest {
  private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=\\S)");
  private static final List<String> STOCK =
      List.of(
          "Kirby said the US does not want war.",
          "Austin called Gallant.",
          "Iran said the matter could be deemed concluded.");

  @FuzzTest(maxDuration = "5m")
  void checksAnyReply(byte[] input) {
    List<String> texts = new ArrayList<>();
    StringBuilder reply = new StringBuilder();
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.startsWith("source: ")) texts.add(line.substring("source: ".length()));
      else reply.append(line).append('\n');
    }
    List<IndexedSentence> sources = new ArrayList<>();
    for (String t : texts.isEmpty() ? STOCK : texts) {
      int i = sources.size();
      sources.add(
          new IndexedSentence("a" + i, i, 0, null, t, "Title " + i, "https://e.com/" + i, null));
    }

    Answer answer = LlmAnswers.check("q", reply.toString(), sources);

    if (answer.abstained()) {
      assertThat(answer.citations()).isEmpty();
      return;
    }
    Set<Integer> cited = new HashSet<>();
    for (Citation c : answer.citations()) {
      IndexedSentence s = sources.get(c.ordinal());
      assertThat(c).isEqualTo(Citation.of(c.n(), s));
      assertThat(cited.add(c.ordinal())).as("source %d cited twice", c.ordinal()).isTrue();
    }
    List<Integer> used = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(answer.text())) {
      Matcher m = MARKER.matcher(sentence);
      boolean marked = false;
      while (m.find()) {
        int n = Integer.parseInt(m.group(1));
        assertThat(n).as("marker in: %s", answer.text()).isBetween(1, answer.citations().size());
        if (!used.contains(n)) used.add(n);
        marked = true;
      }
      if (sentence.codePoints().anyMatch(Character::isLetter)) {
        assertThat(marked).as("uncited sentence '%s' in: %s", sentence, answer.text()).isTrue();
      }
    }
    List<Integer> inOrder = new ArrayList<>();
    for (int n = 1; n <= answer.citations().size(); n++) inOrder.add(n);
    assertThat(used).as("citations numbered in order of use").isEqualTo(inOrder);
  }
}
