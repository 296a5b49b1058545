package io.coordscope.sidecar.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.app.RunOptions;
import io.coordscope.sidecar.app.Sidecar;
import io.coordscope.sidecar.testing.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2's proof: the sidecar (in-process, wired as {@code Main} wires it) and a real Prometheus
 * scrape the same scripted targets with the same rule file, and agree on every recording-rule value
 * and on the set of pending and firing alerts, with labels, annotations and values, at every
 * checkpoint of the scenario where neither side was starved (see {@link InputCheck}). About 70 s
 * of wall time after both are up.
 */
class PrometheusDifferentialIT {

  @Test
  void sidecarAgreesWithPrometheus(@TempDir Path tmp) throws Exception {
    PrometheusServer.require();
    Scenario scenario = new Scenario(System.currentTimeMillis());
    try (ScenarioServer server = new ScenarioServer(scenario)) {
      String shared = DifferentialRun.config(server, DifferentialRun.RULES);
      Path sidecarConfig = tmp.resolve("sidecar.yml");
      Files.writeString(sidecarConfig, shared + """
          coordscope:
            web:
              listen_address: "127.0.0.1:0"
            state_file: ""
          """);
      RunOptions options = new RunOptions(Optional.of(sidecarConfig), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), false);
      try (Sidecar sidecar = Sidecar.start(options, Clock.systemUTC())) {
        // Prometheus also scrapes the sidecar's /metrics: proof that Prometheus reads what it serves.
        String promConfig =
            DifferentialRun.configWith(server, DifferentialRun.RULES, DifferentialRun.sidecarJob(sidecar.port()));
        try (PrometheusServer prometheus = PrometheusServer.start(
            Files.createDirectories(tmp.resolve("prometheus")), promConfig, "--log.level=warn")) {
          PromApi oracle = new PromApi("prometheus", prometheus.url().toString());
          PromApi candidate = new PromApi("sidecar", "http://127.0.0.1:" + sidecar.port());
          DifferentialRun run = new DifferentialRun();
          run.play(scenario, server, oracle, candidate, true);
          report(run);
        }
      }
    }
  }

  private static void report(DifferentialRun run) throws Exception {
    String figures = run.figures();
    System.out.println("[differential] " + figures);
    run.skipped.forEach(reason -> System.out.println("[differential] skipped " + reason));
    run.retried.forEach(reason -> System.out.println("[differential] retried " + reason));
    Files.writeString(Path.of("target", "differential-figures.txt"), figures + "\n");
    assertThat(run.scenarioErrors).as("the scenario produced the expected alerts in Prometheus").isEmpty();
    assertThat(run.differ.mismatches()).as("sidecar vs Prometheus").isEmpty();
    assertThat(run.metricsErrors).as("Prometheus scraping the sidecar's /metrics").isEmpty();
    assertThat(run.differ.values).as("values compared").isGreaterThan(150);
  }
}
