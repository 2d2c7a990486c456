package org.storybot.rank;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.index.Embedder;
import org.storybot.index.StoryIndex;

/**
 * Rebuilds the ranking models from the labelled data sets and reports their held-out figures.
 * Deterministic: the same data, code and seed give the same models.
 *
 * <p>The questions: SQuAD v1.1 asked of its own paragraphs (ReQA); SQuAD 2.0 asked of its own (a
 * third unanswerable); SQuAD v1.1 questions asked of indexes without their article (off-topic);
 * both again of story-sized indexes ({@link StorySized}); and, with {@link Options#news}, the same
 * asked of an index where the paragraphs sit among the BBC's news articles. Folds are split by
 * Wikipedia article ({@link Folds}).
 */
public final class Training {
  /**
   * What to train on.
   *
   * @param perTopic read at most this many paragraphs of each Wikipedia article (a slice, for
   *     tests)
   * @param news also ask questions of indexes holding the BBC news articles
   * @param maxNewsArticles at most this many BBC articles
   * @param crossEncoder the cross-encoder model file, or {@code null} for the shipped one
   */
  public record Options(
      Path datasets,
      int perTopic,
      boolean news,
      int maxNewsArticles,
      Path crossEncoder,
      Path log) {}

  /**
   * What {@link Options#log} keeps between runs: everything before the second stage learns, and the
   * SHA-256 of the cross-encoder that scored it (null in logs written before it was kept).
   */
  private record Log(
      byte[] first, List<Staged> staged, int questions, int firstTrained, String crossEncoder)
      implements java.io.Serializable {
    Log withStaged(List<Staged> again) {
      return new Log(first, again, questions, firstTrained, crossEncoder);
    }

    Log rescored(CrossEncoder ce, String digest) {
      // each question is its own batch, so its logits do not depend on the thread that runs it
      return new Log(
          first,
          staged.parallelStream().map(s -> s.rescored(ce)).toList(),
          questions,
          firstTrained,
          digest);
    }
  }

  static final String BBC = "bbc-news-2225.jsonl";

  private final Embedder embedder;
  private final Consumer<String> progress;

  public Training(Embedder embedder, Consumer<String> progress) {
    this.embedder = embedder;
    this.progress = progress;
  }

  /**
   * Writes the cross-encoder's training pairs to {@code out} (see {@code CrossEncoderPairs}), with
   * questions made unanswerable by one edit when {@code edited}.
   */
  public void writeCrossEncoderPairs(Path datasets, Path out, int perTopic, boolean edited) {
    CrossEncoderPairs.write(TrainingData.read(datasets, perTopic), embedder, out, edited, progress);
  }

  /**
   * Learns every model, reports the held-out figures and writes the models to {@code out} (the
   * cross-encoder is copied there too when it came from elsewhere).
   */
  public TrainingReport train(Options o, Path out) {
    byte[] crossEncoderBytes = crossEncoder(o);
    Log log = o.log() != null && java.nio.file.Files.isRegularFile(o.log()) ? read(o.log()) : null;
    String digest = Manifest.sha256(crossEncoderBytes);
    if (log == null) {
      log = firstStages(o, crossEncoderBytes);
      if (o.log() != null) write(o.log(), log);
    } else if (!digest.equals(log.crossEncoder())) {
      progress.accept("another cross-encoder: scoring the logged questions' candidates again");
      try (PairEncoder pairs = new PairEncoder();
          CrossEncoder ce = new CrossEncoder(Ranker.CROSS_ENCODER, crossEncoderBytes, pairs, 1)) {
        log = log.rescored(ce, digest);
      }
      write(o.log(), log);
    }
    if (log.staged().stream().anyMatch(s -> s.e5() == null)) {
      log = log.withStaged(withE5(log.staged()));
      if (o.log() != null) write(o.log(), log);
    }
    Trees first = Trees.read(Ranker.FIRST, log.first(), Features.NAMES);
    // a log written when the cross-encoder read deeper lists serves, cut to the current depth
    List<Staged> staged = log.staged().stream().map(Staged::truncated).toList();
    Learned learned = Learned.fit(staged, progress);
    TrainingReport report = learned.report(staged);
    report.note("questions logged", String.valueOf(log.questions()));
    report.note("first stage trained on", log.firstTrained() + " questions (folds 0-2)");
    report.note(
        "second stage and abstention trained on",
        staged.stream().filter(x -> Folds.isTuning(x.group().fold())).count()
            + " questions (fold 3)");
    report.note(
        "test questions",
        staged.stream().filter(x -> Folds.isTest(x.group().fold())).count() + " (fold 4)");
    Manifest.write(out, o, report, first, learned, crossEncoderBytes);
    return report;
  }

  /** The staged questions with e5's cosines of their top sentences, read in batches. */
  private List<Staged> withE5(List<Staged> staged) {
    progress.accept("e5-small-v2 on the top sentences of " + staged.size() + " questions");
    List<Staged> out = new ArrayList<>(staged.size());
    try (E5Cosines e5 = new E5Cosines()) {
      for (int from = 0; from < staged.size(); from += 256) {
        List<Staged> batch = staged.subList(from, Math.min(staged.size(), from + 256));
        List<float[]> cosines =
            e5.of(
                batch.stream().map(s -> s.group().question()).toList(),
                batch.stream().map(Staged::topTexts).toList());
        for (int i = 0; i < batch.size(); i++) out.add(batch.get(i).withE5(cosines.get(i)));
        if ((from / 256) % 20 == 19) progress.accept("e5: " + out.size() + " questions");
      }
    }
    return out;
  }

  /** Logs every question, learns the first stage, runs the cross-encoder on folds 3 and 4. */
  private Log firstStages(Options o, byte[] crossEncoderBytes) {
    List<Group> groups = log(o);
    byte[] firstJson = firstStageJson(groups);
    Trees first = Trees.read(Ranker.FIRST, firstJson, Features.NAMES);
    List<Staged> staged = new ArrayList<>();
    try (PairEncoder pairs = new PairEncoder();
        CrossEncoder ce = new CrossEncoder(Ranker.CROSS_ENCODER, crossEncoderBytes, pairs, 1)) {
      List<Group> test =
          groups.stream().filter(g -> Folds.isTuning(g.fold()) || Folds.isTest(g.fold())).toList();
      progress.accept("cross-encoder on " + test.size() + " questions of folds 3 and 4");
      staged.addAll(test.parallelStream().map(g -> Staged.of(g, first, ce)).toList());
    }
    return new Log(
        firstJson,
        withE5(staged),
        groups.size(),
        firstStageTrain(groups).size(),
        Manifest.sha256(crossEncoderBytes));
  }

  private Log read(Path file) {
    progress.accept("reusing the logged questions in " + file);
    try (var in =
        new java.io.ObjectInputStream(
            new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file)))) {
      return (Log) in.readObject();
    } catch (java.io.IOException | ClassNotFoundException e) {
      throw new java.io.UncheckedIOException(
          "cannot read the training log " + file + ": delete it to log afresh",
          e instanceof java.io.IOException io ? io : new java.io.IOException(e));
    }
  }

  private static void write(Path file, Log log) {
    try (var out =
        new java.io.ObjectOutputStream(
            new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file)))) {
      out.writeObject(log);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the training log " + file, e);
    }
  }

  private byte[] crossEncoder(Options o) {
    try {
      if (o.crossEncoder() != null) return java.nio.file.Files.readAllBytes(o.crossEncoder());
      return Ranker.shippedModel(Ranker.CROSS_ENCODER);
    } catch (java.io.IOException e) {
      throw new ModelException(Ranker.CROSS_ENCODER, "cannot be read", e);
    }
  }

  /** Rounds of boosting for each model. */
  static final int RANKER_ROUNDS = 300;

  static final int CHECK_ROUNDS = 300;

  /**
   * The first stage alone: trained on the cross-encoder's folds (0 to 2), its figures on the held-
   * out folds per source. For feature work; {@link #train} is the whole job.
   */
  public String firstStage(Options o) {
    List<Group> groups = log(o);
    Trees first = firstStage(groups);
    StringBuilder out = new StringBuilder();
    for (String source : sources(groups)) {
      List<Group> test =
          groups.stream().filter(g -> g.source().equals(source) && Folds.isTest(g.fold())).toList();
      List<float[]> learned = test.stream().map(g -> predict(first, g.features())).toList();
      int rrf = Features.NAMES.indexOf("rrf");
      List<float[]> fused = test.stream().map(g -> column(g.features(), rrf)).toList();
      out.append(
          "%s: first stage %s; hybrid RRF %s%n"
              .formatted(source, Scores.ranking(test, learned), Scores.ranking(test, fused)));
    }
    return out.toString();
  }

  Trees firstStage(List<Group> groups) {
    return Trees.read(Ranker.FIRST, firstStageJson(groups), Features.NAMES);
  }

  private static List<Group> firstStageTrain(List<Group> groups) {
    return groups.stream().filter(g -> Folds.isCrossEncoderFold(g.fold()) && g.hasGold()).toList();
  }

  private byte[] firstStageJson(List<Group> groups) {
    List<Group> train = firstStageTrain(groups);
    progress.accept("first stage: " + train.size() + " questions");
    return Boosting.rank(
        train.stream().map(Group::features).toList(),
        train.stream().map(Group::labels).toList(),
        Features.NAMES,
        RANKER_ROUNDS,
        Boosting.BAG);
  }

  static float[] predict(Trees trees, float[][] rows) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = trees.predict(rows[i]);
    return out;
  }

  private static float[] column(float[][] rows, int c) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) out[i] = rows[i][c];
    return out;
  }

  private static List<String> sources(List<Group> groups) {
    return groups.stream().map(Group::source).distinct().toList();
  }

  /** Asks every labelled question and logs the candidates' features. */
  List<Group> log(Options o) {
    TrainingData data = TrainingData.read(o.datasets(), o.perTopic());
    GroupLog log = new GroupLog();
    List<Group> groups = new ArrayList<>();
    List<Asked> squad1 = asked(data.squad1(), p -> true, 1);
    List<Asked> squad2 = asked(data.squad2(), p -> true, 1);
    var topics2 = data.squad2Topics();
    List<Asked> elsewhere = offTopic(asked(data.squad1(), p -> !topics2.contains(p.topic()), 3));
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      progress.accept("indexing SQuAD v1.1 (" + data.squad1().sentences() + " sentences)");
      index.sync(data.squad1().articles());
      groups.addAll(log.ask(index, embedder, "squad1", squad1, progress));
    }
    try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
      progress.accept("indexing SQuAD 2.0 (" + data.squad2().sentences() + " sentences)");
      index.sync(data.squad2().articles());
      groups.addAll(log.ask(index, embedder, "squad2", squad2, progress));
      groups.addAll(log.ask(index, embedder, "squad2-offtopic", elsewhere, progress));
    }
    StorySized small = new StorySized(embedder, log, progress);
    groups.addAll(small.ask(data.squad1(), "story-squad1", 2, true));
    groups.addAll(small.ask(data.squad2(), "story-squad2", 1, false));
    if (o.news()) {
      List<Article> news =
          Articles.readAll(o.datasets().resolve(BBC)).articles().stream()
              .limit(o.maxNewsArticles())
              .toList();
      try (StoryIndex index = StoryIndex.inMemory(embedder, Clock.systemUTC())) {
        progress.accept("indexing " + news.size() + " BBC articles");
        index.sync(news);
        List<Asked> some = offTopic(asked(data.squad1(), p -> true, 4));
        groups.addAll(log.ask(index, embedder, "news-offtopic", some, progress));
        List<Article> both = new ArrayList<>(news);
        both.addAll(data.squad1().articles());
        progress.accept("adding SQuAD v1.1 to the BBC articles");
        index.sync(both);
        groups.addAll(
            log.ask(index, embedder, "news+squad1", asked(data.squad1(), p -> true, 2), progress));
        List<Asked> impossible =
            asked(data.squad2(), p -> true, 1).stream().filter(a -> a.gold().isEmpty()).toList();
        groups.addAll(log.ask(index, embedder, "news+squad2", impossible, progress));
      }
    }
    return groups;
  }

  /** Every {@code every}-th question of the paragraphs {@code which} keeps, in file order. */
  private static List<Asked> asked(Squad.Data data, Predicate<Squad.Paragraph> which, int every) {
    List<Asked> out = new ArrayList<>();
    int n = 0;
    for (Squad.Paragraph p : data.paragraphs()) {
      if (!which.test(p)) continue;
      int fold = Folds.of(p.topic());
      int part = Folds.part(p.topic());
      for (Squad.Question q : p.questions()) {
        if (n++ % every != 0) continue;
        out.add(
            new Asked(
                q.id(), fold, part, q.text(), q.impossible() ? java.util.Set.of() : q.gold()));
      }
    }
    return out;
  }

  /** The same questions asked where their article is not: nothing answers them. */
  private static List<Asked> offTopic(List<Asked> questions) {
    return questions.stream()
        .map(q -> new Asked(q.id(), q.fold(), q.part(), q.text(), java.util.Set.of()))
        .toList();
  }
}
