package org.storybot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.storybot.answer.Answer;
import org.storybot.answer.Answerer;
import org.storybot.answer.Drafts;
import org.storybot.index.StoryIndex;

/**
 * Streamed against whole LLM answers, with {@link PacedModel} as the model: how long until the
 * first checked words can be shown, and until the final checked answer, beside the wait for an
 * answer that is not streamed. Only questions the model is asked count (an abstention before the
 * model is asked streams nothing).
 */
final class Streaming {
  static final String SECTION = "Streamed LLM answers";

  /** The stand-in model's pace: a word every 25 ms, about 40 words a second. */
  static final Duration PACE = Duration.ofMillis(25);

  /** The figures of one run, in nanoseconds per question. */
  record Result(long[] whole, long[] firstWords, long[] streamed) {}

  private Streaming() {}

  static Result run(StoryIndex index, Bench.Llm llm, List<String> questions) {
    try (PacedModel model = new PacedModel(PACE)) {
      Answerer answerer = llm.answerer(index, model.url());
      // the first call of each kind loads classes and opens connections: not a figure to report
      answerer.answer(questions.getFirst(), text -> {});
      answerer.answer(questions.getFirst());
      List<long[]> samples = new ArrayList<>();
      for (String q : questions) {
        long[] first = {-1};
        boolean[] asked = {false};
        long start = System.nanoTime();
        Drafts drafts =
            text -> {
              asked[0] = true;
              if (!text.isEmpty() && first[0] < 0) first[0] = System.nanoTime() - start;
            };
        Answer streamed = answerer.answer(q, drafts);
        long end = System.nanoTime() - start;
        if (!asked[0] || streamed.abstained()) continue;
        long t = System.nanoTime();
        Answer unstreamed = answerer.answer(q);
        long whole = System.nanoTime() - t;
        if (!unstreamed.equals(streamed)) {
          throw new BenchException("the streamed and the whole answer to '" + q + "' differ", null);
        }
        samples.add(new long[] {whole, first[0] < 0 ? end : first[0], end});
      }
      if (samples.isEmpty())
        throw new BenchException("no question was answered by the stand-in model", null);
      long[][] columns = new long[3][samples.size()];
      for (int i = 0; i < samples.size(); i++) {
        for (int c = 0; c < 3; c++) columns[c][i] = samples.get(i)[c];
      }
      return new Result(columns[0], columns[1], columns[2]);
    }
  }

  static void rows(Result r, Bench.Rows rows) {
    String section =
        SECTION + " (stand-in model on 127.0.0.1, a word every " + PACE.toMillis() + " ms)";
    int n = r.whole().length;
    String note =
        n
            + " answered dev questions; the model quotes "
            + PacedModel.QUOTED
            + " sources, each cited";
    add(rows, section, "LLM answer, not streamed", Latency.Percentiles.of(r.whole()), note);
    add(
        rows,
        section,
        "Streamed: first checked words",
        Latency.Percentiles.of(r.firstWords()),
        "the first sentence that passes the check; in Telegram it also waits for the chat's"
            + " second after the placeholder");
    add(
        rows,
        section,
        "Streamed: final checked answer",
        Latency.Percentiles.of(r.streamed()),
        "the same checked text as not streamed");
  }

  private static void add(
      Bench.Rows rows, String section, String what, Latency.Percentiles p, String note) {
    rows.add(Row.millis(section, what + " p50", p.p50(), "", note));
    rows.add(Row.millis(section, what + " p95", p.p95(), "", ""));
  }
}
