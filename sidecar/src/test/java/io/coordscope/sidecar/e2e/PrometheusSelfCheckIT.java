package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coordscope.sidecar.testing.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates the differential test itself: two real Prometheus servers, scraping the scenario at
 * different phases, must agree at every checkpoint. If they did not, differences found against the
 * sidecar could be artefacts of timing. Opt-in ({@code -Dcoordscope.e2e.selfcheck=true}): it
 * proves the harness, not the product, and costs a minute.
 */
class PrometheusSelfCheckIT {

  @Test
  void twoPrometheusServersAgreeAtEveryCheckpoint(@TempDir Path tmp) throws Exception {
    assumeTrue(Boolean.getBoolean("coordscope.e2e.selfcheck"),
        "harness self-check is opt-in: -Dcoordscope.e2e.selfcheck=true");
    PrometheusServer.require();
    Scenario scenario = new Scenario(System.currentTimeMillis());
    try (ScenarioServer server = new ScenarioServer(scenario)) {
      String config = DifferentialRun.config(server, DifferentialRun.RULES);
      try (PrometheusServer one = PrometheusServer.start(Files.createDirectories(tmp.resolve("one")), config, "--log.level=warn");
          PrometheusServer two = PrometheusServer.start(Files.createDirectories(tmp.resolve("two")), config, "--log.level=warn")) {
        DifferentialRun run = new DifferentialRun();
        run.play(scenario, server, new PromApi("prometheus-1", one.url().toString()),
            new PromApi("prometheus-2", two.url().toString()), false);
        System.out.println("[self-check] " + run.figures());
        run.skipped.forEach(reason -> System.out.println("[self-check] skipped " + reason));
        run.retried.forEach(reason -> System.out.println("[self-check] retried " + reason));
        assertThat(run.scenarioErrors).isEmpty();
        assertThat(run.differ.mismatches()).isEmpty();
        assertThat(run.differ.values).as("values compared").isGreaterThan(150);
      }
    }
  }
}
