package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The differential test's guard: which stored samples make a 5 s rate depend on scrape timing. */
class InputCheckTest {

  private static final long END = 1_000_000_000L;

  private static JsonNode samples(double... secondsBeforeEnd) throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < secondsBeforeEnd.length; i++) {
      json.append(i == 0 ? "" : ",").append('[').append((END - Math.round(secondsBeforeEnd[i] * 1000)) / 1000.0)
          .append(",\"1\"]");
    }
    return new ObjectMapper().readTree(json.append(']').toString());
  }

  @Test
  void regularScrapesReachBothEdges() throws Exception {
    assertThat(InputCheck.edgeGap(samples(4.6, 3.6, 2.6, 1.6, 0.6), END)).isEmpty();
    // A late scrape in the middle only widens the average interval.
    assertThat(InputCheck.edgeGap(samples(4.6, 2.1, 1.6, 0.6), END)).isEmpty();
  }

  @Test
  void aStarvedScraperLeavesAnEdgeUncovered() throws Exception {
    // Missed scrapes at the start of the window: Prometheus extrapolates only half an interval there.
    assertThat(InputCheck.edgeGap(samples(2.6, 1.6, 0.6), END)).get().asString().contains("window's edges");
    // No scrape for 2.5 s before the evaluation.
    assertThat(InputCheck.edgeGap(samples(4.6, 3.6, 2.6), END)).isPresent();
    // One sample: no rate at all.
    assertThat(InputCheck.edgeGap(samples(0.6), END)).get().asString().contains("a rate needs 2");
  }

  @Test
  void readsMillisecondTimestamps() throws Exception {
    assertThat(InputCheck.millis(new ObjectMapper().readTree("[1700000000.123,\"5\"]"))).isEqualTo(1_700_000_000_123L);
  }
}
