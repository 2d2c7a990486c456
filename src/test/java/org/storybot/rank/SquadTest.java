package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadTest {
  // Offsets count the line break and the double space, which our article reader squeezes out.
  static final String CONTEXT =
      "The castle was built in 1066.\\n It burned  down in 1200. Nobody rebuilt it.";

  static final String FILE =
      """
      {"version": "v2.0", "data": [{"title": "Old_Castle", "paragraphs": [{
        "context": "%s",
        "qas": [
          {"id": "a", "question": "When did it burn?", "is_impossible": false,
           "answers": [{"text": "1200", "answer_start": 53}, {"text": "in 1200", "answer_start": 50}]},
          {"id": "b", "question": "Who built it?", "is_impossible": true, "answers": []},
          {"id": "c", "question": "  When was it built? ", "answers": [{"text": "1066", "answer_start": 24}]}
        ]}]}]}
      """
          .formatted(CONTEXT);

  @Test
  void findsTheSentenceHoldingEachAnswerStartAfterSqueezingWhitespace(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("squad.json"), FILE);
    Squad.Data data = Squad.read(file, 10);

    assertThat(data.paragraphs()).hasSize(1);
    Squad.Paragraph p = data.paragraphs().getFirst();
    assertThat(p.article().title()).isEqualTo("Old Castle");
    assertThat(p.article().sentences())
        .extracting(s -> s.text())
        .containsExactly(
            "The castle was built in 1066.", "It burned down in 1200.", "Nobody rebuilt it.");
    assertThat(p.questions()).hasSize(3);
    assertThat(p.questions().get(0).gold()).containsExactly("It burned down in 1200.");
    assertThat(p.questions().get(1).impossible()).isTrue();
    assertThat(p.questions().get(1).gold()).isEmpty();
    assertThat(p.questions().get(2).text()).isEqualTo("When was it built?");
    assertThat(p.questions().get(2).gold()).containsExactly("The castle was built in 1066.");
  }

  @Test
  void readsNoMoreParagraphsThanAsked(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("squad.json"), FILE);
    assertThat(Squad.read(file, 0).paragraphs()).isEmpty();
  }
}
