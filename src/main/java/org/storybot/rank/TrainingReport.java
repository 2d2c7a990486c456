package org.storybot.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The held-out figures of one training run, per source of questions: how each ranking ranks (hybrid
 * retrieval's fusion, the first stage, the cross-encoder alone, the second stage), and how the
 * abstention model does at the chosen threshold.
 */
public final class TrainingReport {
  /**
   * The figures of one source.
   *
   * @param own the abstention model at this source's own operating point, or {@code null} when the
   *     source has not both kinds of question
   */
  public record Source(
      String name,
      Map<String, Scores.Ranking> rankings,
      int answerable,
      int answerableAbstained,
      int answerableRight,
      int unanswerable,
      int unanswerableAbstained,
      OwnThreshold own) {

    public double falseAbstention() {
      return answerable == 0 ? 0 : (double) answerableAbstained / answerable;
    }

    public double abstention() {
      return unanswerable == 0 ? 0 : (double) unanswerableAbstained / unanswerable;
    }
  }

  /**
   * The abstention model with the threshold that keeps false abstention at or under {@link
   * Learned#FALSE_ABSTENTION} on this source's answerable questions alone (chosen on fold 3, out of
   * fold, like the shipped threshold): how well it tells this source's answerable questions from
   * its unanswerable ones, apart from the threshold the bot serves with, which must also hold for
   * every other source and for paraphrased questions.
   */
  public record OwnThreshold(float threshold, int answerableAbstained, int unanswerableAbstained) {}

  private final List<Source> sources = new ArrayList<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private float threshold;

  void add(Source s) {
    sources.add(s);
  }

  void note(String key, String value) {
    notes.put(key, value);
  }

  void threshold(float t) {
    threshold = t;
  }

  public float threshold() {
    return threshold;
  }

  public List<Source> sources() {
    return List.copyOf(sources);
  }

  public Source source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  Map<String, String> notes() {
    return notes;
  }

  /** A plain-text table of every figure. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    notes.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    sb.append(String.format("abstention threshold: %.4f%n", threshold));
    for (Source s : sources) {
      sb.append('\n').append(s.name()).append('\n');
      s.rankings()
          .forEach(
              (k, r) -> {
                if (r.questions() > 0) sb.append(String.format("  %-28s %s%n", k, r));
              });
      if (s.answerable() > 0) {
        sb.append(
            String.format(
                "  answerable: %d, first citation right %.1f %%, abstained %.1f %%%n",
                s.answerable(),
                100.0 * s.answerableRight() / s.answerable(),
                100 * s.falseAbstention()));
      }
      if (s.unanswerable() > 0) {
        sb.append(
            String.format(
                "  unanswerable: %d, abstained %.1f %%%n", s.unanswerable(), 100 * s.abstention()));
      }
      if (s.own() != null) {
        sb.append(
            String.format(
                "  at its own threshold %.4f: answerable abstained %.1f %%, unanswerable %.1f %%%n",
                s.own().threshold(),
                100.0 * s.own().answerableAbstained() / s.answerable(),
                100.0 * s.own().unanswerableAbstained() / s.unanswerable()));
      }
    }
    return sb.toString();
  }
}
