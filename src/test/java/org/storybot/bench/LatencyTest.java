package org.storybot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {
  @Test
  void percentilesUseTheNearestRankOfTheSortedSamples() {
    // 1..100 ms, shuffled by stepping through the range with a stride coprime to 100.
    long[] nanos = LongStream.range(0, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000).toArray();
    Latency.Percentiles p = Latency.Percentiles.of(nanos);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p95()).isEqualTo(95.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.samples()).isEqualTo(100);
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    Latency.Percentiles p = Latency.Percentiles.of(new long[] {2_500_000});
    assertThat(p.p50()).isEqualTo(2.5);
    assertThat(p.p99()).isEqualTo(2.5);
  }
}
