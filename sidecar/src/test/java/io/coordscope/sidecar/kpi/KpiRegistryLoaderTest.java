package io.coordscope.sidecar.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.KpiRegistryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry file: every error with its line; judging values against it. */
class KpiRegistryLoaderTest {

  @TempDir Path dir;

  Path file(String yaml) throws Exception {
    Path f = dir.resolve("kpis.yml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void loadsAValidRegistry() throws Exception {
    KpiRegistry r = KpiRegistryLoader.load(file("""
        kpis:
          - name: sprint_velocity
            unit: points
            description: Story points per sprint
            higher_is_better: true
            warn: 20
            critical: 10
            valid_min: 0
            valid_max: 500
            services: [planner]
          - name: queue_depth
            higher_is_better: false
            warn: 50
            critical: 200
        """));
    assertThat(r.kpis()).extracting(KpiDefinition::name).containsExactly("sprint_velocity", "queue_depth");
    KpiDefinition v = r.find("sprint_velocity").orElseThrow();
    assertThat(v.line()).isEqualTo(2);
    assertThat(v.appliesTo("planner")).isTrue();
    assertThat(v.appliesTo("other")).isFalse();
    assertThat(v.score(15)).isEqualTo(0.5);
    assertThat(v.score(25)).isEqualTo(1);
    assertThat(v.score(5)).isEqualTo(0);
    KpiDefinition q = r.find("queue_depth").orElseThrow();
    assertThat(q.score(125)).isEqualTo(0.5);
    assertThat(q.state(10)).isEqualTo("ok");
    assertThat(q.state(60)).isEqualTo("warning");
    assertThat(q.state(250)).isEqualTo("critical");
  }

  @Test
  void reportsEveryErrorWithItsLine() throws Exception {
    List<String> errors = KpiRegistryLoader.validate(file("""
        kpis:
          - name: a
            higher_is_better: true
            warn: 10
            critical: 20
          - name: b
            higher_is_better: false
            warn: 10
            critical: 20
          - name: b
            higher_is_better: false
            warn: 1
            critical: 2
          - name: c
            higher_is_better: true
            warn: x
            critical: 1
          - name: d
            warn: 2
            critical: 1
          - name: e
            higher_is_better: true
            warn: 2
            critical: 1
            valid_min: 0
            valid_max: 1.5
          - name: f
            colour: red
        """));
    String f = dir.resolve("kpis.yml").toString();
    assertThat(errors).containsExactly(
        f + ":5: KPI a: with higher_is_better: true critical (20.0) must be below warn (10.0)",
        f + ":10: duplicate KPI \"b\" (first defined on line 6)",
        f + ":16: kpis[].warn: \"x\" is not a number",
        f + ":18: KPI d: higher_is_better is required (true or false)",
        f + ":23: KPI e: warn (2.0) is outside valid_min..valid_max (0.0..1.5)",
        f + ":28: unknown key \"colour\" in kpis[] (supported: critical, description, higher_is_better, name, "
            + "services, unit, valid_max, valid_min, warn)");
  }

  @Test
  void loadThrowsAllErrorsAtOnce() throws Exception {
    Path f = file("kpis:\n  - name: x\n    higher_is_better: true\n    warn: 1\n    critical: 2\nextra: 1\n");
    assertThatThrownBy(() -> KpiRegistryLoader.load(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(":6: unknown key \"extra\"");
  }

  @Test
  void judgesReportedValues() {
    KpiRegistry r = new KpiRegistry("k", List.of(
        new KpiDefinition("v", "points", "", true, 20, 10, 0, 100, List.of("planner"), 1),
        new KpiDefinition("never", "", "", true, 2, 1, 0, 10, List.of(), 8)));
    KpiReport rep = KpiReport.of(r, List.of(
        new KpiReport.Observed("planner", "j", "i", "v", "points", 15),
        new KpiReport.Observed("planner", "j", "i2", "v", "points", 150),
        new KpiReport.Observed("other", "j", "i3", "v", "points", 15),
        new KpiReport.Observed("planner", "j", "i", "unknown_kpi", "", 1)));
    assertThat(rep.readings()).extracting(KpiReading::state)
        .containsExactly("warning", "out_of_range", "not_expected", "unregistered");
    assertThat(rep.readings().get(0).score()).isEqualTo(0.5);
    assertThat(rep.readings().get(1).scored()).isFalse();
    assertThat(rep.unregistered()).containsExactly("unknown_kpi");
    assertThat(rep.missing()).containsExactly("never");
  }
}
