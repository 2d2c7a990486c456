package org.storybot.answer;

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

/** The dev question set ({@code src/test/resources/answer/dev-questions.jsonl}) and its scoring. */
final class DevSet {
  static final Path FILE = Path.of("src/test/resources/answer/dev-questions.jsonl");

  /** Questions about other articles, asked with the story and the BBC articles indexed. */
  static final Path NEWS = Path.of("src/test/resources/answer/news-questions.jsonl");

  record Question(String text, Set<String> answers, String kind) {
    boolean answerable() {
      return !answers.isEmpty();
    }
  }

  /** One question's outcome. */
  record Outcome(Question question, Answer answer) {
    boolean firstCitationAnswers() {
      return !answer.abstained()
          && question.answers().contains(answer.citations().getFirst().sentence());
    }
  }

  /** The figures the quality tests assert on. */
  record Metrics(
      int answerable,
      int unanswerable,
      int firstCitationRight,
      int abstainedAnswerable,
      int abstainedUnanswerable) {
    double firstCitationAccuracy() {
      return (double) firstCitationRight / answerable;
    }

    double unanswerableAbstention() {
      return (double) abstainedUnanswerable / unanswerable;
    }

    double answerableAbstention() {
      return (double) abstainedAnswerable / answerable;
    }

    /** Of the answerable questions it answered, the share whose first citation answers them. */
    double precisionWhenAnswering() {
      return (double) firstCitationRight / Math.max(1, answerable - abstainedAnswerable);
    }

    @Override
    public String toString() {
      return String.format(
          "first citation answers: %d/%d (%.1f%%); unanswerable abstained: %d/%d (%.1f%%); answerable abstained: %d/%d (%.1f%%)",
          firstCitationRight,
          answerable,
          100 * firstCitationAccuracy(),
          abstainedUnanswerable,
          unanswerable,
          100 * unanswerableAbstention(),
          abstainedAnswerable,
          answerable,
          100 * answerableAbstention());
    }
  }

  private DevSet() {}

  static List<Question> load() {
    return load(FILE);
  }

  static List<Question> load(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<Question> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) continue;
        JsonNode n = json.readTree(line);
        Set<String> answers = new TreeSet<>();
        n.get("answers").forEach(a -> answers.add(a.asText()));
        out.add(new Question(n.get("question").asText(), answers, n.get("kind").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<Outcome> run(Answerer answerer, List<Question> questions) {
    return questions.stream().map(q -> new Outcome(q, answerer.answer(q.text()))).toList();
  }

  static Metrics score(List<Outcome> outcomes) {
    int answerable = 0, unanswerable = 0, right = 0, abstainedA = 0, abstainedU = 0;
    for (Outcome o : outcomes) {
      if (o.question().answerable()) {
        answerable++;
        if (o.firstCitationAnswers()) right++;
        if (o.answer().abstained()) abstainedA++;
      } else {
        unanswerable++;
        if (o.answer().abstained()) abstainedU++;
      }
    }
    return new Metrics(answerable, unanswerable, right, abstainedA, abstainedU);
  }

  /** The questions that went wrong, one per line, for a failure message. */
  static String mistakes(List<Outcome> outcomes) {
    StringBuilder sb = new StringBuilder();
    for (Outcome o : outcomes) {
      boolean wrong =
          o.question().answerable() ? !o.firstCitationAnswers() : !o.answer().abstained();
      if (wrong) {
        sb.append("\n  ")
            .append(o.question().kind())
            .append(": ")
            .append(o.question().text())
            .append(" -> ")
            .append(
                o.answer().abstained()
                    ? "ABSTAINED"
                    : o.answer().citations().getFirst().sentence());
      }
    }
    return sb.toString();
  }
}
