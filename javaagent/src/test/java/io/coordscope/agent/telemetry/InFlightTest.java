package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.core.OperationSpec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The active and oldest-active gauges follow the calls in flight, sync and async, on a fake clock. */
class InFlightTest {

  private static final String ACTIVE = "coordination_operations_active{kind=\"claim\",operation=\"work.claim\"} ";
  private static final String OLDEST =
      "coordination_operation_oldest_active_seconds{kind=\"claim\",operation=\"work.claim\"} ";

  @Test
  void oldestActiveIsTheAgeOfTheOldestCallInFlightAndZeroWhenNone() throws Exception {
    // Unsampled: the calls end out of order, as calls on two threads would; no scopes to unwind.
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      int id = f.op("work.claim", "claim");
      assertThat(f.scrape()).doesNotContain(OLDEST);

      Object first = f.telemetry.enter(id, null);
      f.clock.addAndGet(2_000_000_000L);
      Object second = f.telemetry.enter(id, null);
      f.clock.addAndGet(8_000_000_000L);
      assertThat(f.scrape()).contains(OLDEST + "10.0\n").contains(ACTIVE + "2.0\n");

      f.telemetry.exit(id, first, null, null);
      assertThat(f.scrape()).contains(OLDEST + "8.0\n").contains(ACTIVE + "1.0\n");

      f.telemetry.exit(id, second, null, null);
      assertThat(f.scrape()).contains(OLDEST + "0.0\n").contains(ACTIVE + "0.0\n");
      assertThat(f.scrape()).contains(
          "coordination_operation_duration_seconds_count{error_type=\"\",kind=\"claim\",operation=\"work.claim\",outcome=\"success\"} 2");
    }
  }

  @Test
  void anAsyncCallIsInFlightUntilItsFutureCompletes() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture()) {
      int id = f.op(new OperationSpec("work.claim", "claim", "com.acme.Dispatcher", "claimAsync", null, true));
      CompletableFuture<String> future = new CompletableFuture<>();
      Object scope = f.telemetry.enter(id, null);
      f.telemetry.exit(id, scope, future, null);
      f.clock.addAndGet(1_200_000_000_000L);
      assertThat(f.scrape()).contains(OLDEST + "1200.0\n").contains(ACTIVE + "1.0\n");

      future.complete("done");
      assertThat(f.scrape()).contains(OLDEST + "0.0\n").contains(ACTIVE + "0.0\n");
    }
  }

  @Test
  void manyCallsInFlightAtOnceAreAllCounted() throws Exception {
    try (TelemetryFixture f = new TelemetryFixture(Map.of("traces.sampler", "always_off"))) {
      int id = f.op("work.claim", "claim");
      Object[] scopes = new Object[300];
      for (int i = 0; i < scopes.length; i++) {
        scopes[i] = f.telemetry.enter(id, null);
        f.clock.addAndGet(1_000_000_000L);
      }
      assertThat(f.scrape()).contains(ACTIVE + "300.0\n").contains(OLDEST + "300.0\n");
      for (Object s : scopes) {
        f.telemetry.exit(id, s, null, null);
      }
      assertThat(f.scrape()).contains(ACTIVE + "0.0\n").contains(OLDEST + "0.0\n");
    }
  }
}
