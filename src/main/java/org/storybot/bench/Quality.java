package org.storybot.bench;

import java.util.List;
import java.util.Map;
import org.storybot.index.Retrieval;

/** Turns the quality results into table rows, with the published reference points beside them. */
final class Quality {
  static final String REQA = "ReQA answer retrieval, SQuAD v1.1 dev";
  static final String DEV = "Dev question set (src/test/resources/answer)";

  /** A published or separately measured reference point: R@1, MRR, R@5, R@10, and its source. */
  record Reference(String source, double p1, double mrr, double r5, double r10) {}

  /**
   * The reference beside each of our modes. BM25 lines: plain Okapi BM25 on this same file with
   * ReQA's protocol, measured for ../shared/datasets/SOURCES.md (sentence text only; sentence plus
   * its paragraph). Neural line: the output the ReQA evaluation code's docstring shows for this
   * same file, for a neural dual encoder it does not name. The hybrid has none.
   */
  private static final Map<Retrieval, Reference> REFERENCES =
      Map.of(
          Retrieval.SENTENCE_BM25,
          new Reference("plain BM25, sentence only (SOURCES.md)", 0.626, 0.704, 0.798, 0.840),
          Retrieval.LEXICAL,
          new Reference(
              "plain BM25, sentence + paragraph (SOURCES.md)", 0.671, 0.751, 0.843, 0.887),
          Retrieval.VECTOR,
          new Reference("ReQA code docstring, neural", 0.515, 0.625, 0.758, 0.831));

  private static final Map<Retrieval, String> NAMES =
      Map.of(
          Retrieval.SENTENCE_BM25, "BM25, sentence text only",
          Retrieval.LEXICAL, "BM25 with context (our lexical mode)",
          Retrieval.VECTOR, "Vectors alone (MiniLM)",
          Retrieval.HYBRID, "Hybrid (RRF)");

  private Quality() {}

  static void reqa(Reqa.Result r, List<Row> rows) {
    rows.add(
        Row.of(
            REQA,
            "Candidate sentences",
            r.sentences(),
            "",
            "SOURCES.md: 10,250 with ReQA's splitter",
            String.format(
                "%,d distinct texts, %,d paragraphs (%d left out)",
                r.distinctSentences(), r.paragraphs(), r.skipped())));
    rows.add(
        Row.of(
            REQA,
            "Questions (distinct texts)",
            r.modes().getFirst().questions(),
            "",
            "SOURCES.md: 10,539",
            ""));
    for (Reqa.Metrics m : r.modes()) {
      String name = NAMES.get(m.mode());
      Reference ref = REFERENCES.get(m.mode());
      rows.add(Row.score(REQA, name + ": P@1", m.p1(), ref == null ? "" : ref(ref, ref.p1()), ""));
      rows.add(
          Row.score(
              REQA,
              name + ": MRR",
              m.mrr(),
              ref == null ? "" : ref(ref, ref.mrr()),
              "ranks past " + Reqa.DEPTH + " count 0"));
      rows.add(Row.score(REQA, name + ": R@5", m.r5(), ref == null ? "" : ref(ref, ref.r5()), ""));
      rows.add(
          Row.score(REQA, name + ": R@10", m.r10(), ref == null ? "" : ref(ref, ref.r10()), ""));
    }
  }

  private static String ref(Reference ref, double value) {
    return ref.source() + ": " + value;
  }

  static final String TEST_FOLD = "Learned ranking and abstention, test fold (fold 4)";

  static void testFold(String file, TestFold.Result r, List<Row> rows) {
    if (r.answerable() > 0) {
      rows.add(
          Row.score(
              TEST_FOLD,
              file + ": P@1",
              r.p1(),
              "goal >= 0.75 (SQuAD v1.1)",
              r.answerable() + " answerable questions; hybrid RRF above"));
      rows.add(Row.score(TEST_FOLD, file + ": MRR", r.mrr(), "goal >= 0.82 (SQuAD v1.1)", ""));
      rows.add(
          Row.share(
              TEST_FOLD,
              file + ": abstains on answerable (wrongly)",
              r.answerableAbstained(),
              r.answerable(),
              "cap 10 %"));
      rows.add(
          Row.share(
              TEST_FOLD,
              file + ": first citation right when answering",
              r.answeredRight(),
              r.answered(),
              ""));
    }
    if (r.unanswerable() > 0) {
      rows.add(
          Row.share(
              TEST_FOLD,
              file + ": abstains on unanswerable",
              r.unanswerableAbstained(),
              r.unanswerable(),
              "goal >= 50 % (SQuAD 2.0)"));
    }
  }

  static void devSet(String corpus, DevQuestions.Score s, List<Row> rows) {
    rows.add(
        Row.share(
            DEV,
            "First citation answers (" + corpus + ")",
            s.firstCitationRight(),
            s.answerable(),
            "goal >= 85 %"));
    rows.add(
        Row.share(
            DEV,
            "Abstains on unanswerable (" + corpus + ")",
            s.abstainedU(),
            s.unanswerable(),
            "goal >= 90 %"));
    rows.add(
        Row.share(
            DEV,
            "Abstains on answerable, wrongly (" + corpus + ")",
            s.abstainedA(),
            s.answerable(),
            "cap 10 %"));
  }
}
