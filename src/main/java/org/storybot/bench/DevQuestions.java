package org.storybot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;

/**
 * The answer dev set ({@code src/test/resources/answer/dev-questions.jsonl}, format in its README)
 * and its scoring: the first citation must be one of the gold sentences; unanswerable questions
 * must abstain.
 */
final class DevQuestions {
  record Question(String text, Set<String> answers) {
    boolean answerable() {
      return !answers.isEmpty();
    }
  }

  /** The figures of one run. */
  record Score(
      int answerable, int unanswerable, int firstCitationRight, int abstainedA, int abstainedU) {}

  private DevQuestions() {}

  static List<Question> load(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<Question> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) continue;
        JsonNode n = json.readTree(line);
        Set<String> answers = new TreeSet<>();
        n.get("answers").forEach(a -> answers.add(a.asText()));
        out.add(new Question(n.get("question").asText(), answers));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dev question set " + file, e);
    }
    return out;
  }

  static Score score(Answerer answerer, List<Question> questions) {
    int answerable = 0, unanswerable = 0, right = 0, abstainedA = 0, abstainedU = 0;
    for (Question q : questions) {
      Answer a = answerer.answer(q.text());
      if (q.answerable()) {
        answerable++;
        if (a.abstained()) abstainedA++;
        else if (q.answers().contains(a.citations().getFirst().sentence())) right++;
      } else {
        unanswerable++;
        if (a.abstained()) abstainedU++;
      }
    }
    return new Score(answerable, unanswerable, right, abstainedA, abstainedU);
  }
}
