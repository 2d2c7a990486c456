package org.storybot.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The second stage and the abstention model, learned from fold 3 and tested on fold 4 ({@link
 * Folds}). Within fold 3, each half's second-stage scores and abstention probabilities come from
 * models trained on the other half (out of fold), so the abstention model learns from scores like
 * those it will meet, and its threshold is chosen on probabilities it did not fit. The shipped
 * models learn from all of fold 3; fold 4 sees only those.
 */
final class Learned {
  /** Abstain below the probability that keeps false abstention at or under this, per source. */
  static final double FALSE_ABSTENTION = 0.10;

  final Trees second;
  final Trees check;
  final float threshold;

  /** Each source's own threshold (see {@link TrainingReport.OwnThreshold}), for the report only. */
  private final Map<String, Float> own;

  private Learned(byte[] second, byte[] check, float threshold, Map<String, Float> own) {
    this.second = Trees.read(Ranker.SECOND, second, SecondStage.NAMES);
    this.check = Trees.read(Ranker.CHECK, check, AnswerCheck.NAMES);
    this.threshold = threshold;
    this.own = own;
  }

  static Learned fit(List<Staged> staged, Consumer<String> progress) {
    List<Staged> tuning = staged.stream().filter(s -> Folds.isTuning(s.group().fold())).toList();
    int n = tuning.size();
    float[][] oofSecond = new float[n][];
    for (int part : new int[] {0, 1}) {
      progress.accept("second stage, half " + part + " of fold 3 out of fold");
      Trees t =
          Trees.read(
              Ranker.SECOND, secondStage(tuning, s -> s.group().part() != part), SecondStage.NAMES);
      for (int i = 0; i < n; i++) {
        if (tuning.get(i).group().part() == part) {
          oofSecond[i] = Training.predict(t, tuning.get(i).rows());
        }
      }
    }
    float[][] rows = new float[n][];
    float[] labels = new float[n];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      rows[i] = checkRow(tuning.get(i), oofSecond[i]);
      labels[i] = label(tuning.get(i), oofSecond[i]) ? 1 : 0;
      weights[i] = Paraphrase.isParaphrased(tuning.get(i).group()) ? PARAPHRASE_WEIGHT : 1;
    }
    float[] oofCheck = new float[n];
    for (int part : new int[] {0, 1}) {
      progress.accept("abstention model, half " + part + " of fold 3 out of fold");
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < n; i++) if (tuning.get(i).group().part() != part) train.add(i);
      Trees t = Trees.read(Ranker.CHECK, check(rows, labels, weights, train), AnswerCheck.NAMES);
      for (int i = 0; i < n; i++) {
        if (tuning.get(i).group().part() == part) oofCheck[i] = t.predict(rows[i]);
      }
    }
    Map<String, Float> thresholds = thresholds(tuning, oofCheck);
    float threshold = thresholds.values().stream().min(Float::compare).orElse(1f);
    Map<String, Float> own = new LinkedHashMap<>();
    for (Staged s : tuning) {
      String source = s.group().source();
      if (!s.group().answerable() && thresholds.containsKey(source)) {
        own.put(source, thresholds.get(source));
      }
    }
    progress.accept("second stage and abstention model on all of fold 3");
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) all.add(i);
    return new Learned(
        secondStage(tuning, s -> true), check(rows, labels, weights, all), threshold, own);
  }

  private static float[] checkRow(Staged s, float[] scores) {
    int best = Staged.best(scores);
    return AnswerCheck.row(
        s.rows(),
        scores,
        best,
        s.group().features(),
        s.topArticles(),
        s.group().question(),
        s.group().texts().get(s.top()[best]));
  }

  /**
   * How many times a {@link Paraphrase paraphrased} question counts in the abstention model's
   * training: people word their questions unlike the articles far more often than SQuAD does.
   */
  static final float PARAPHRASE_WEIGHT = 4;

  /**
   * The abstention model's label: the best candidate answers the question. ("The articles answer it
   * somewhere" abstained on more unanswerable SQuAD questions, and on far more of the dev set's
   * answerable ones, whose best candidate it could not tell from a wrong one.)
   */
  private static boolean label(Staged s, float[] scores) {
    return answersAtBest(s, scores);
  }

  private static boolean answersAtBest(Staged s, float[] scores) {
    return s.group().gold()[s.top()[Staged.best(scores)]];
  }

  private static byte[] secondStage(List<Staged> staged, Predicate<Staged> which) {
    List<Staged> train = staged.stream().filter(s -> which.test(s) && s.goldInTop()).toList();
    return Boosting.rank(
        train.stream().map(Staged::rows).toList(),
        train.stream().map(Staged::labels).toList(),
        SecondStage.NAMES,
        Training.RANKER_ROUNDS,
        Boosting.FINAL_BAG);
  }

  private static byte[] check(
      float[][] rows, float[] labels, float[] weights, List<Integer> which) {
    float[][] r = new float[which.size()][];
    float[] y = new float[which.size()];
    float[] w = new float[which.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rows[which.get(i)];
      y[i] = labels[which.get(i)];
      w[i] = weights[which.get(i)];
    }
    return Boosting.classify(r, y, w, AnswerCheck.NAMES, Training.CHECK_ROUNDS, Boosting.FINAL_BAG);
  }

  /** The slice of every source's answerable questions worded unlike their answer. */
  static final String PARAPHRASED = "paraphrased";

  /**
   * For each source, and for the {@link Paraphrase paraphrased} questions of all sources, the
   * highest probability threshold at which its answerable questions are abstained on at most {@link
   * #FALSE_ABSTENTION} of the time. The served threshold is the lowest of them.
   */
  private static Map<String, Float> thresholds(List<Staged> staged, float[] p) {
    Map<String, List<Float>> answerable = new LinkedHashMap<>();
    for (int i = 0; i < staged.size(); i++) {
      Group g = staged.get(i).group();
      if (!g.answerable()) continue;
      answerable.computeIfAbsent(g.source(), k -> new ArrayList<>()).add(p[i]);
      if (Paraphrase.isParaphrased(g)) {
        answerable.computeIfAbsent(PARAPHRASED, k -> new ArrayList<>()).add(p[i]);
      }
    }
    Map<String, Float> thresholds = new LinkedHashMap<>();
    for (var e : answerable.entrySet()) {
      List<Float> sorted = new ArrayList<>(e.getValue());
      sorted.sort(null);
      // Abstaining below sorted[k] abstains on exactly k answerable questions.
      int k = (int) Math.floor(FALSE_ABSTENTION * sorted.size());
      thresholds.put(e.getKey(), sorted.get(Math.min(k, sorted.size() - 1)));
    }
    return thresholds;
  }

  /**
   * The slice of every source's answerable questions that ask for one kind of answer ("kind:why",
   * "kind:quantity", ...): SQuAD has few why and almost no yes/no questions, which people ask a
   * news bot often, so the report shows each kind apart.
   */
  static String kindSlice(String question) {
    return "kind:" + Question.kind(question).name().toLowerCase(Locale.ROOT);
  }

  /** The test fold's figures, with the shipped (fold 3) models. */
  TrainingReport report(List<Staged> staged) {
    TrainingReport report = new TrainingReport();
    report.threshold(threshold);
    Map<String, List<Staged>> bySource = new LinkedHashMap<>();
    Map<String, List<Staged>> byKind = new TreeMap<>();
    for (Staged s : staged) {
      if (Folds.isTest(s.group().fold())) {
        bySource.computeIfAbsent(s.group().source(), k -> new ArrayList<>()).add(s);
        if (Paraphrase.isParaphrased(s.group())) {
          bySource.computeIfAbsent(PARAPHRASED, k -> new ArrayList<>()).add(s);
        }
        if (s.group().answerable()) {
          byKind.computeIfAbsent(kindSlice(s.group().question()), k -> new ArrayList<>()).add(s);
        }
      }
    }
    bySource.putAll(byKind);
    int rrf = Features.NAMES.indexOf("rrf");
    for (var e : bySource.entrySet()) {
      List<Group> groups = new ArrayList<>();
      List<float[]> fused = new ArrayList<>(), first = new ArrayList<>();
      List<float[]> cross = new ArrayList<>(), second = new ArrayList<>();
      int answerable = 0, abstainedA = 0, right = 0, unanswerable = 0, abstainedU = 0;
      Float ownThreshold = own.get(e.getKey());
      int ownA = 0, ownU = 0;
      for (Staged s : e.getValue()) {
        groups.add(s.group());
        float[] f = new float[s.first().length];
        for (int c = 0; c < f.length; c++) f[c] = s.group().features()[c][rrf];
        fused.add(f);
        first.add(s.first());
        cross.add(s.combined(s.logits()));
        float[] scores = Training.predict(this.second, s.rows());
        second.add(s.combined(scores));
        float p = check.predict(checkRow(s, scores));
        boolean abstains = p < threshold;
        boolean abstainsOwn = ownThreshold != null && p < ownThreshold;
        if (s.group().answerable()) {
          if (abstainsOwn) ownA++;
          answerable++;
          if (abstains) abstainedA++;
          else if (answersAtBest(s, scores)) right++;
        } else {
          if (abstainsOwn) ownU++;
          unanswerable++;
          if (abstains) abstainedU++;
        }
      }
      Map<String, Scores.Ranking> rankings = new LinkedHashMap<>();
      rankings.put("hybrid retrieval (RRF)", Scores.ranking(groups, fused));
      rankings.put("first stage (features)", Scores.ranking(groups, first));
      rankings.put("cross-encoder alone", Scores.ranking(groups, cross));
      rankings.put("features + cross-encoder", Scores.ranking(groups, second));
      report.add(
          new TrainingReport.Source(
              e.getKey(),
              rankings,
              answerable,
              abstainedA,
              right,
              unanswerable,
              abstainedU,
              ownThreshold == null || answerable == 0 || unanswerable == 0
                  ? null
                  : new TrainingReport.OwnThreshold(ownThreshold, ownA, ownU)));
    }
    return report;
  }
}
