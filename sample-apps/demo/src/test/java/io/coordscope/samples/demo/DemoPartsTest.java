package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo launcher's pieces, without starting anything. */
class DemoPartsTest {

  @Test
  void alertTrackerReportsPendingFiringAndResolved() {
    AlertTracker t = new AlertTracker();
    SidecarClient.Alert pending = new SidecarClient.Alert("A", Map.of("alertname", "A", "job", "worker", "severity", "critical"), "pending");
    SidecarClient.Alert firing = new SidecarClient.Alert("A", Map.of("alertname", "A", "job", "worker", "severity", "critical"), "firing");
    assertThat(t.update(List.of(pending))).containsExactly("A{job=\"worker\"} pending");
    assertThat(t.update(List.of(pending))).isEmpty();
    assertThat(t.update(List.of(firing))).containsExactly("A{job=\"worker\"} firing");
    assertThat(t.update(List.of())).containsExactly("A{job=\"worker\"} resolved");
    assertThat(t.active()).isEmpty();
  }

  @Test
  void theScreenSummarisesAlertsByName() {
    Map<String, String> active = new LinkedHashMap<>();
    active.put("B{job=\"w\"}", "pending");
    active.put("A{job=\"w\"}", "firing");
    active.put("B{job=\"c\"}", "pending");
    active.put("B{job=\"l\"}", "firing");
    assertThat(Timeline.summary(active)).containsExactly("A: 1 firing", "B: 1 firing 2 pending");
  }

  @Test
  void portsMoveTogetherAndShippedConfigsFollow() {
    DemoPorts p = new DemoPorts(30000, 2);
    assertThat(List.of(p.loadDriver(), p.coordinator(), p.worker(1), p.worker(2), p.ledger(), p.sidecar()))
        .containsExactly(30000, 30001, 30002, 30003, 30007, 30020);
    assertThat(p.metricsOf(p.ledger())).isEqualTo(30017);
    assertThat(p.all()).doesNotHaveDuplicates().hasSize(13);
    assertThat(p.rewrite("targets: [\"127.0.0.1:18091\", \"127.0.0.1:9464\", \"127.0.0.1:18100\"]"))
        .isEqualTo("targets: [\"127.0.0.1:30011\", \"127.0.0.1:9464\", \"127.0.0.1:30020\"]");
  }

  @Test
  void settingsRejectBadValuesByName() {
    assertThatThrownBy(() -> DemoSettings.from(Map.of("DEMO_WORKERS", "9"), Path.of(".")))
        .hasMessage("DEMO_WORKERS=9 is not allowed: an integer from 1 to 5");
    assertThatThrownBy(() -> DemoSettings.from(Map.of("DEMO_FAULT_TARGET", "db"), Path.of(".")))
        .hasMessageStartingWith("DEMO_FAULT_TARGET=db is not allowed: one of [load-driver,");
    DemoSettings s = DemoSettings.from(Map.of(), Path.of("."));
    assertThat(s.ports().base()).isEqualTo(18080);
    assertThat(s.seconds()).isZero();
  }

  @Test
  void healthScoresAreReadFromTheSidecarsMetrics() {
    String exposition = "# TYPE coordscope_health_score gauge\n"
        + "coordscope_health_score{service=\"\"} 91.5\n"
        + "coordscope_health_score{service=\"worker\"} 42\n"
        + "coordscope_health_component{service=\"worker\",component=\"errors\"} 0.1\n";
    assertThat(SidecarClient.parseHealth(exposition)).containsExactly(Map.entry("", 91.5), Map.entry("worker", 42.0));
    assertThat(new ServiceRow("worker", 42, 1, 0.5, 1, 2).plain(7))
        .isEqualTo("t=7s service=worker score=42 band=CRITICAL rate=1.0/s errors=50.0% up=1/2");
    assertThat(new ServiceRow("x", Double.NaN, Double.NaN, Double.NaN, 0, 0).band()).isEqualTo("UNKNOWN");
  }

  @Test
  void theOverallLineSumsTheServicesRatesErrorsAndTargets() {
    ServiceRow overall = Timeline.overall(61, java.util.List.of(
        new ServiceRow("coordinator", 52, 30, 0.1, 1, 1),
        new ServiceRow("worker", 60, 10, 0.3, 1, 2),
        new ServiceRow("ledger", Double.NaN, Double.NaN, Double.NaN, 0, 1)));
    assertThat(overall.plain(3)).isEqualTo("t=3s service=overall score=61 band=DEGRADED rate=40.0/s errors=15.0% up=2/4");
    assertThat(Timeline.overall(Double.NaN, java.util.List.of()).plain(0))
        .isEqualTo("t=0s service=overall score=n/a band=UNKNOWN rate=-/s errors=- up=0/0");
  }

  @Test
  void tracePathsGroupSpansByTraceAcrossServiceLogs(@TempDir Path dir) throws Exception {
    String a = "a".repeat(32);
    String b = "b".repeat(32);
    Files.writeString(dir.resolve("d.log"), "[coordscope] INFO 'LoadDriver.submitOne' : " + a + " 1111111111111111 INTERNAL [tracer: x:] {}\n");
    Files.writeString(dir.resolve("c.log"), "INFO 'work.assign' : " + a + " 2222222222222222 INTERNAL [t]\n"
        + "INFO 'work.submit' : " + a + " 3333333333333333 INTERNAL [t]\n"
        + "INFO 'work.submit' : " + b + " 4444444444444444 INTERNAL [t]\n");
    Files.writeString(dir.resolve("w.log"), "noise\nINFO 'work.process' : " + a + " 5555555555555555 INTERNAL [t]\n");
    Map<String, Path> logs = new LinkedHashMap<>();
    logs.put("load-driver", dir.resolve("d.log"));
    logs.put("coordinator", dir.resolve("c.log"));
    logs.put("worker-1", dir.resolve("w.log"));
    TracePaths.Trace t = TracePaths.widest(logs).orElseThrow();
    assertThat(t.traceId()).isEqualTo(a);
    assertThat(t.path()).isEqualTo(
        "load-driver: LoadDriver.submitOne  →  coordinator: work.submit, work.assign  →  worker-1: work.process");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonReaderReadsTheSidecarsAnswers() {
    Map<String, Object> m = (Map<String, Object>) Json.parse(
        "{\"status\":\"success\",\"data\":{\"result\":[{\"metric\":{\"job\":\"w\\u00e9\"},\"value\":[1.5,\"0.25\"]}]},\"x\":[true,false,null,-1e3]}");
    assertThat(m.get("x")).isEqualTo(java.util.Arrays.asList(true, false, null, -1000.0));
    assertThat(m.get("data").toString()).contains("job=wé").contains("0.25");
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageContaining("bad JSON at offset");
  }
}
