package org.storybot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rows measured by integration tests rather than by the benchmark itself, because their parts come
 * only with the test build (an embedded PostgreSQL from Maven Central, the fake Bot API): each IT
 * writes its rows with {@link Row#tsv()} to a file of the measured folder ({@code target/bench}),
 * and the benchmark copies them into its report, or says how to measure them when the file is not
 * there.
 */
final class Measured {
  /** A file of rows, the section they go under and the test that writes them. */
  record Source(String file, String section, String test) {}

  static final List<Source> SOURCES =
      List.of(
          new Source(
              "replicas.tsv",
              "Replicas (webhook mode, one PostgreSQL, the fake Bot API's rate limit lifted)",
              "ReplicasBenchIT"),
          new Source(
              "send-sharing.tsv",
              "Sharing Telegram's send limit between two replicas",
              "SendSharingIT"));

  private Measured() {}

  static void add(Path folder, Bench.Rows rows) {
    for (Source s : SOURCES) {
      Path file = folder == null ? null : folder.resolve(s.file());
      if (file == null || !Files.isRegularFile(file)) {
        rows.add(
            new Row(
                s.section(),
                s.section() + ": not measured",
                Double.NaN,
                "n/a",
                "",
                "measured by `./mvnw verify -Dit.test="
                    + s.test()
                    + "`, which writes "
                    + s.file()));
        continue;
      }
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) rows.add(Row.fromTsv(line));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
