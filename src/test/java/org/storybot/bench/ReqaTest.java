package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storybot.index.Retrieval;
import org.storybot.index.SharedEmbedder;
import org.storybot.rank.Squad;

class ReqaTest {
  static final String FILE =
      """
      {"data": [{"title": "Rivers", "paragraphs": [
        {"context": "The Nile flows north into the Mediterranean. It is about 6,650 km long.",
         "qas": [{"id": "1", "question": "Into which sea does the Nile flow?",
                  "answers": [{"text": "the Mediterranean", "answer_start": 26}]},
                 {"id": "1b", "question": "Into which sea does the Nile flow?",
                  "answers": [{"text": "Mediterranean", "answer_start": 30}]}]},
        {"context": "The Amazon carries more water than any other river. Its basin covers Brazil.",
         "qas": [{"id": "2", "question": "Which river carries the most water?",
                  "answers": [{"text": "The Amazon", "answer_start": 0}]}]}]}]}
      """;

  @Test
  void ranksTheAnswerSentenceFirstForPlainQuestionsInEveryMode(@TempDir Path dir) throws Exception {
    Squad.Data data = Squad.read(Files.writeString(dir.resolve("s.json"), FILE), 100);
    Reqa.Result r = Reqa.run(data, SharedEmbedder.get(), 100);

    assertThat(r.sentences()).isEqualTo(4);
    assertThat(r.modes()).extracting(Reqa.Metrics::mode).containsExactly(Retrieval.values());
    for (Reqa.Metrics m : r.modes()) {
      assertThat(m.questions()).as("duplicate question texts count once").isEqualTo(2);
      assertThat(m.p1()).as(m.mode().name()).isEqualTo(1.0);
      assertThat(m.mrr()).as(m.mode().name()).isEqualTo(1.0);
    }
  }

  @Test
  void countsAnAnswerFoundLowerDownByItsReciprocalRank(@TempDir Path dir) throws Exception {
    String file =
        FILE.replace("\"answer_start\": 0", "\"answer_start\": 52"); // points at "Its basin..."
    Squad.Data data = Squad.read(Files.writeString(dir.resolve("s.json"), file), 100);
    Reqa.Metrics lexical = Reqa.run(data, SharedEmbedder.get(), 100).modes().getFirst();
    assertThat(lexical.p1()).isEqualTo(0.5);
    assertThat(lexical.mrr()).isLessThan(1.0).isGreaterThan(0.5);
  }
}
