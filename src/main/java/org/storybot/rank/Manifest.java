package org.storybot.rank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a trained model set: the three tree files, the cross-encoder, and {@code manifest.json}
 * saying what they were trained on (data files and their SHA-256, seed, date), the feature lists,
 * the abstention threshold and the held-out figures.
 */
final class Manifest {
  private Manifest() {}

  static void write(
      Path out,
      Training.Options o,
      TrainingReport report,
      Trees first,
      Learned learned,
      byte[] crossEncoder) {
    try {
      Files.createDirectories(out);
      // The compact form of each model: XGBoost's JSON took a second of every start to read
      Files.write(out.resolve(Ranker.FIRST), first.compact());
      Files.write(out.resolve(Ranker.SECOND), learned.second.compact());
      Files.write(out.resolve(Ranker.CHECK), learned.check.compact());
      Path ce = out.resolve(Ranker.CROSS_ENCODER);
      if (!Files.exists(ce) || !sha256(Files.readAllBytes(ce)).equals(sha256(crossEncoder))) {
        Files.write(ce, crossEncoder);
      }
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode m = json.createObjectNode();
      m.put("trained", Instant.now().toString());
      m.put("seed", Boosting.SEED);
      m.put("boosters_averaged_first_stage", Boosting.BAG);
      m.put("boosters_averaged", Boosting.FINAL_BAG);
      m.put("threshold", learned.threshold);
      m.put(
          "threshold_rule",
          "highest abstention probability threshold keeping false abstention <= "
              + Learned.FALSE_ABSTENTION
              + " on every source's held-out answerable questions");
      ObjectNode data = m.putObject("data");
      for (String f : dataFiles(o)) {
        Path p = o.datasets().resolve(f);
        if (Files.isRegularFile(p)) data.put(f, sha256(Files.readAllBytes(p)));
      }
      m.put("per_topic", o.perTopic());
      m.put("news", o.news());
      m.put("cross_encoder_sha256", sha256(crossEncoder));
      ObjectNode features = m.putObject("features");
      features.putPOJO(Ranker.FIRST, Features.NAMES);
      features.putPOJO(Ranker.SECOND, SecondStage.NAMES);
      features.putPOJO(Ranker.CHECK, AnswerCheck.NAMES);
      ObjectNode notes = m.putObject("notes");
      report.notes().forEach(notes::put);
      ObjectNode figures = m.putObject("held_out");
      for (TrainingReport.Source s : report.sources()) {
        ObjectNode f = figures.putObject(s.name());
        s.rankings()
            .forEach(
                (k, r) -> {
                  if (r.questions() > 0) {
                    f.putObject(k)
                        .put("questions", r.questions())
                        .put("p1", round(r.p1()))
                        .put("mrr", round(r.mrr()));
                  }
                });
        f.put("answerable", s.answerable());
        f.put("answerable_abstained", s.answerableAbstained());
        f.put("answerable_first_citation_right", s.answerableRight());
        f.put("unanswerable", s.unanswerable());
        f.put("unanswerable_abstained", s.unanswerableAbstained());
        if (s.own() != null) {
          f.putObject("at_own_threshold")
              .put("threshold", s.own().threshold())
              .put("answerable_abstained", s.own().answerableAbstained())
              .put("unanswerable_abstained", s.own().unanswerableAbstained());
        }
      }
      Files.writeString(out.resolve(Ranker.MANIFEST), json.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the models to " + out, e);
    }
  }

  private static List<String> dataFiles(Training.Options o) {
    List<String> files = new java.util.ArrayList<>(List.of(TrainingData.SQUAD1));
    files.addAll(TrainingData.SQUAD2);
    if (o.news()) files.add(Training.BBC);
    return files;
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
