package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  static final Machine MACHINE =
      new Machine(2, 8_000_000_000L, 2_000_000_000L, "JDK 25", "Linux", Instant.EPOCH, 3.5);

  @Test
  void rendersOneTablePerSectionWithReferencesAndEscapedPipes() {
    Report report =
        new Report(
            MACHINE,
            0.2,
            false,
            List.of(
                Row.score("ReQA", "BM25 alone: P@1", 0.5, "plain BM25: 0.626", "a|b"),
                Row.share("Dev", "Abstains", 9, 20, "target 90 %")),
            List.of("- 80.0 % `embedding`"));
    String md = report.markdown();
    assertThat(md).contains("## ReQA\n\n| Measure | Storybot | Reference / goal | Note |");
    assertThat(md).contains("| BM25 alone: P@1 | 0.500 | plain BM25: 0.626 | a\\|b |");
    assertThat(md).contains("| Abstains | 45.0 % (9/20) | target 90 % |  |");
    assertThat(md).contains("- 80.0 % `embedding`");
    assertThat(md).contains("2 cores, 8.0 GB RAM").contains("The machine was loaded");
  }

  @Test
  void findsRowsByMeasureAndMarksGoals() {
    Report report =
        new Report(MACHINE, 0, true, List.of(Row.millis("S", "p95", 12.345, "", "")), List.of());
    assertThat(report.row("p95")).map(Row::shown).contains("12.35 ms");
    assertThat(report.row("p99")).isEmpty();
    assertThat(Row.goal("goal < 20 ms", true)).isEqualTo("goal < 20 ms (met)");
    assertThat(Row.goal("goal < 20 ms", false)).isEqualTo("goal < 20 ms (missed)");
    assertThat(Row.share("S", "none", 0, 0, "").shown()).isEqualTo("n/a");
  }
}
