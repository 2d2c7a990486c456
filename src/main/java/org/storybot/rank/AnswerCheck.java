package org.storybot.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The abstention model's features: does the best candidate answer the question at all? Read off the
 * second stage's ranked list: the best candidate's own features, how far it stands out, what the
 * cross-encoder thinks of it, and what of the question nothing near it covers. Shared by serving
 * and training.
 */
final class AnswerCheck {
  private static final List<String> OWN =
      List.of(
          "cosine",
          "bm25_share",
          "coverage",
          "coverage_exact",
          "coverage_near",
          "coverage_article",
          "missing_near_max_idf",
          "missing_article_max_idf",
          "missing_near_count",
          "bigrams",
          "longest_run",
          "names_shared",
          "type_agrees",
          "novelty",
          "question_terms",
          "question_max_idf",
          "question_unknown_terms",
          "question_names",
          "kind_who",
          "kind_when",
          "kind_where",
          "kind_quantity",
          "kind_why",
          "kind_how",
          "kind_what",
          "kind_yes_no",
          "kind_other",
          "cross_encoder",
          "cross_encoder_minus_second",
          "first_stage");

  static final List<String> NAMES;

  static {
    List<String> names = new ArrayList<>(OWN);
    names.addAll(
        List.of(
            "second_stage",
            "second_stage_margin",
            "second_stage_minus_mean",
            "best_cosine_anywhere",
            "best_bm25_share_anywhere",
            "best_coverage_anywhere",
            "articles_in_top",
            "top_share_same_article",
            "question_negated",
            "negation_differs",
            "antonym_swapped"));
    NAMES = List.copyOf(names);
  }

  private static final int[] OWN_COLUMNS =
      OWN.stream().mapToInt(SecondStage.NAMES::indexOf).toArray();

  private AnswerCheck() {}

  /**
   * The row for one question.
   *
   * @param second the second stage's rows, in the order of {@code scores}
   * @param scores the second stage's scores
   * @param best index into {@code second} of the best candidate
   * @param all every candidate's first-stage features (for the field beyond the top)
   * @param articles the articles of the candidates behind {@code second}, in the same order
   * @param question the question
   * @param sentence the best candidate's sentence
   */
  static float[] row(
      float[][] second,
      float[] scores,
      int best,
      float[][] all,
      List<String> articles,
      String question,
      String sentence) {
    float[] row = new float[NAMES.size()];
    for (int i = 0; i < OWN_COLUMNS.length; i++) row[i] = second[best][OWN_COLUMNS[i]];
    int c = OWN_COLUMNS.length;
    float runnerUp = Float.NEGATIVE_INFINITY, sum = 0;
    for (int i = 0; i < scores.length; i++) {
      sum += scores[i];
      if (i != best) runnerUp = Math.max(runnerUp, scores[i]);
    }
    if (scores.length < 2) runnerUp = scores[best];
    row[c++] = scores[best];
    row[c++] = scores[best] - runnerUp;
    row[c++] = scores[best] - sum / scores.length;
    row[c++] = max(all, Features.NAMES.indexOf("cosine"));
    row[c++] = max(all, Features.NAMES.indexOf("bm25_share"));
    row[c++] = max(all, Features.NAMES.indexOf("coverage"));
    Set<String> distinct = new HashSet<>(articles);
    int same = 0;
    for (String a : articles) if (a.equals(articles.get(best))) same++;
    row[c++] = distinct.size();
    row[c++] = (float) same / articles.size();
    // What the question asks that the sentence says the opposite of ("not", "smallest"): the
    // rankers need not know, the abstention model must
    boolean negated = Question.negated(question);
    row[c++] = negated ? 1 : 0;
    row[c++] = negated != Question.negated(sentence) ? 1 : 0;
    row[c] = Antonyms.swapped(Paraphrase.stems(question), Paraphrase.stems(sentence)) ? 1 : 0;
    return row;
  }

  private static float max(float[][] rows, int column) {
    float max = Float.NEGATIVE_INFINITY;
    for (float[] r : rows) max = Math.max(max, r[column]);
    return rows.length == 0 ? 0 : max;
  }
}
