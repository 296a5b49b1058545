package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code --query.max-samples} and {@code --query.timeout} as Prometheus 2.42 enforces them, with its
 * messages; and the dashboard query of issue 13 answers over many series with the defaults.
 */
class QueryLimitsTest {

  private static final long STEP = 15_000;
  private final MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 200_000, 1000);

  @Test
  void loadingMoreSamplesThanTheLimitFailsWithPrometheussMessage() {
    for (int s = 0; s < 10; s++) {
      for (int k = 0; k <= 20; k++) {
        store.append(Labels.of("__name__", "c", "s", "" + s), k * STEP, k);
      }
    }
    long t = 20 * STEP;
    Engine exact = new Engine(store, EngineOptions.DEFAULT.withMaxSamples(210)); // 10 series x 21 samples
    assertThat(((Vector) exact.instant("sum(count_over_time(c[5m]))", t)).samples().get(0).value()).isEqualTo(210);
    Engine under = new Engine(store, EngineOptions.DEFAULT.withMaxSamples(209));
    assertThatThrownBy(() -> under.instant("sum(count_over_time(c[5m]))", t)).isExactlyInstanceOf(PromQLException.class)
        .hasMessage("query processing would load too many samples into memory in query execution");
    // Every selector of the query counts: two of 10 instant samples each need 20.
    Engine twenty = new Engine(store, EngineOptions.DEFAULT.withMaxSamples(20));
    assertThat(((Vector) twenty.instant("c + c", t)).samples()).hasSize(10);
    Engine nineteen = new Engine(store, EngineOptions.DEFAULT.withMaxSamples(19));
    assertThatThrownBy(() -> nineteen.instant("c + c", t)).hasMessageContaining("too many samples");
  }

  @Test
  void aQueryPastItsTimeoutFailsWithPrometheussMessage() {
    for (int s = 0; s < 50; s++) {
      store.append(Labels.of("__name__", "g", "s", "" + s), 0, s);
    }
    AtomicLong nanos = new AtomicLong();
    // Fake clocks that move a fixed step every time the engine looks: deterministic, no sleeping.
    // sum(g) looks about 55 times (each node, each loaded series): 5.5 s at 100 ms per look.
    Engine engine = new Engine(store, EngineOptions.DEFAULT.withTimeout(Duration.ofSeconds(30)),
        () -> nanos.getAndAdd(100_000_000L));
    assertThat(((Vector) engine.instant("sum(g)", 0)).samples()).hasSize(1);
    AtomicLong frozen = new AtomicLong();
    Engine slow = new Engine(store, EngineOptions.DEFAULT.withTimeout(Duration.ofSeconds(30)), () -> {
      long now = frozen.get();
      frozen.set(now + 10_000_000_000L); // 10 s per look: the fourth look is past the deadline
      return now;
    });
    assertThatThrownBy(() -> slow.instant("sum(g)", 0)).isExactlyInstanceOf(QueryTimeoutException.class)
        .hasMessage("query timed out in expression evaluation");
  }

  @Test
  void theDashboardHistogramQueryAnswersOverManySeries() {
    // 50 instances x 100 operations x 12 buckets = 60,000 series x 21 samples = 1.26 million samples,
    // more than the sidecar's former fixed limit of 1,000,000 per API query.
    String[] le = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "10", "+Inf"};
    Labels[] series = new Labels[50 * 100 * le.length];
    int i = 0;
    for (int in = 0; in < 50; in++) {
      for (int op = 0; op < 100; op++) {
        for (String bound : le) {
          series[i++] = Labels.of("__name__", "coordination_operation_duration_seconds_bucket", "instance", "i" + in,
              "operation", "op" + op, "le", bound);
        }
      }
    }
    for (int k = 0; k <= 20; k++) {
      for (int j = 0; j < series.length; j++) {
        store.append(series[j], k * STEP, k * (j % le.length + 1.0));
      }
    }
    Engine engine = new Engine(store, EngineOptions.DEFAULT);
    Vector v = (Vector) engine.instant(
        "histogram_quantile(0.99, sum by (le, operation)(rate(coordination_operation_duration_seconds_bucket[5m])))",
        20 * STEP);
    assertThat(v.samples()).hasSize(100).allSatisfy(s -> assertThat(s.value()).isBetween(2.5, 10.0));
  }
}
