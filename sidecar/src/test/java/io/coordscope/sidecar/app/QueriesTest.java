package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.web.QueryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The API's error types for the query limits, as Prometheus 2.42 answers them (checked against it). */
class QueriesTest {

  private final MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 100);

  QueriesTest() {
    for (int k = 0; k < 10; k++) {
      store.append(Labels.of("__name__", "up", "job", "a"), k * 1000L, 1);
    }
  }

  @Test
  void tooManySamplesIsAnExecutionError() {
    Engine engine = new Engine(store, EngineOptions.DEFAULT.withMaxSamples(5));
    assertThatThrownBy(() -> Queries.forApi(engine, "rate(up[1m])", 9000)).isInstanceOfSatisfying(QueryException.class,
        e -> {
          assertThat(e.errorType()).isEqualTo("execution"); // HTTP 422
          assertThat(e.getMessage()).isEqualTo(
              "query processing would load too many samples into memory in query execution");
        });
  }

  @Test
  void aTimeoutIsATimeoutError() {
    AtomicLong nanos = new AtomicLong();
    Engine engine = new Engine(store, EngineOptions.DEFAULT.withTimeout(Duration.ofMillis(1)),
        () -> nanos.getAndAdd(2_000_000L));
    assertThatThrownBy(() -> Queries.forApi(engine, "sum(up)", 9000)).isInstanceOfSatisfying(QueryException.class, e -> {
      assertThat(e.errorType()).isEqualTo("timeout"); // HTTP 503
      assertThat(e.getMessage()).isEqualTo("query timed out in expression evaluation");
    });
  }

  @Test
  void theFlagsReachTheEngineOptions() throws Exception {
    CommandLine.Run run = (CommandLine.Run) CommandLine.parse("--query.max-samples=7", "--query.timeout", "30s");
    assertThat(run.options().queryLimits()).isEqualTo(new RunOptions.QueryLimits(7, Duration.ofSeconds(30)));
    assertThat(run.options().queryLimits().engineOptions().maxSamples()).isEqualTo(7);
    CommandLine.Run defaults = (CommandLine.Run) CommandLine.parse();
    assertThat(defaults.options().queryLimits().engineOptions()).isEqualTo(EngineOptions.DEFAULT);
    assertThat(defaults.options().queryLimits().maxSamples()).isEqualTo(RunOptions.QueryLimits.FROM_HEAP);
    // without the flag the limit follows the heap; a flag is used as given
    assertThat(defaults.options().queryLimits().engineOptions(512L << 20, 25_000, 1).maxSamples())
        .isEqualTo(HeapBound.querySamples(512L << 20, 25_000, 1));
    assertThat(run.options().queryLimits().engineOptions(512L << 20, 25_000, 1).maxSamples()).isEqualTo(7);
    assertThat(defaults.options().queryLimits().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> CommandLine.parse("--query.max-samples=0")).hasMessageContaining("not a positive integer");
    assertThatThrownBy(() -> CommandLine.parse("--query.timeout=0s")).hasMessageContaining("must be greater than 0");
    assertThat(CommandLine.help()).contains("--query.max-samples=N", "--query.timeout=DURATION");
  }
}
