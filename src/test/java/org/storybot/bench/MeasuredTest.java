package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredTest {
  @TempDir Path dir;

  @Test
  void aRowWrittenByAnItComesBackAsItWas() {
    Row row = Row.of("Replicas", "Two replicas", 24.5, "answers/s", "", "tabs\tand\nlines go");
    Row back = Row.fromTsv(row.tsv());
    assertThat(back.measure()).isEqualTo("Two replicas");
    assertThat(back.value()).isEqualTo(24.5);
    assertThat(back.shown()).isEqualTo("24.50 answers/s");
    assertThat(back.note()).isEqualTo("tabs and lines go");
  }

  @Test
  void rowsOfTheItsAreCopiedAndTheMissingOnesSayHowToMeasureThem() throws Exception {
    Row row = Row.of(Measured.SOURCES.getFirst().section(), "One replica", 20, "answers/s", "", "");
    Files.write(dir.resolve("replicas.tsv"), List.of(row.tsv()));
    Bench.Rows rows = new Bench.Rows();
    Measured.add(dir, rows);
    assertThat(rows.rows()).extracting(Row::measure).contains("One replica");
    assertThat(rows.rows())
        .filteredOn(r -> r.measure().endsWith("not measured"))
        .singleElement()
        .extracting(Row::note)
        .asString()
        .contains("-Dit.test=SendSharingIT", "send-sharing.tsv");
  }
}
