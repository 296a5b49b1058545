package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.config.ConfigLoader;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.rules.RuleGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code global.evaluation_interval} reaches rule groups by one path: the rule load, at start and at each reload. */
class EvaluationIntervalTest {

  @TempDir Path dir;

  @Test
  void groupsWithoutTheirOwnIntervalGetTheGlobalOneAtEveryLoad() throws Exception {
    Files.writeString(dir.resolve("r.rules.yml"), """
        groups:
        - name: own
          interval: 5s
          rules: [{record: a, expr: up}]
        - name: global
          rules: [{record: b, expr: up}]
        """);
    assertThat(intervals(load("7s"))).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(7));
    assertThat(intervals(load("2m"))).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(2));
  }

  private SidecarConfig load(String evaluationInterval) throws Exception {
    return ConfigLoader.parse("sidecar.yml", dir,
        "global: {evaluation_interval: " + evaluationInterval + "}\nrule_files: [r.rules.yml]\n", Optional.empty());
  }

  private static List<Duration> intervals(SidecarConfig c) throws Exception {
    return Sidecar.loadRules(c).stream().map(RuleGroup::interval).toList();
  }
}
