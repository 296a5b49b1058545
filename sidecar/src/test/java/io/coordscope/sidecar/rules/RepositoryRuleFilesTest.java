package io.coordscope.sidecar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.testing.Promtool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule file in the repository is accepted by {@code promtool check rules}, the oracle. */
class RepositoryRuleFilesTest {

  /** The sidecar's own rule files (elsewhere, e.g. docker/, files may target a real Prometheus only). */
  @Test
  void coordscopeAcceptsEveryRuleFileOfTheSidecar() throws Exception {
    Path sidecar = Promtool.repositoryRoot().resolve("sidecar");
    for (Path f : Promtool.repositoryRuleFiles().stream().filter(p -> p.startsWith(sidecar)).toList()) {
      assertThat(RuleFiles.validate(f)).as("errors in %s", f).isEmpty();
    }
  }

  @Test
  void theBuiltInRuleSetLoadsFromTheClasspath() throws Exception {
    List<RuleGroup> groups = RuleFiles.loadBuiltIn();
    assertThat(groups).extracting(RuleGroup::name).contains("coordscope-slo-5m", "coordscope-alerts");
    assertThat(groups).flatExtracting(RuleGroup::rules).extracting(RuleDefinition::name)
        .contains("operation:coordination_error_ratio:rate5m", "CoordinationErrorBudgetBurn", "CoordinationTargetDown");
  }

  @Test
  void promtoolAcceptsEveryRuleFileInTheRepository() throws Exception {
    List<Path> files = Promtool.repositoryRuleFiles();
    assertThat(files).as("the shipped rule files are found")
        .anyMatch(p -> p.endsWith(Path.of("sidecar/src/main/resources/rules/coordscope-alerts.rules.yml")))
        .anyMatch(p -> p.endsWith(Path.of("sidecar/src/main/resources/rules/coordscope-slo.rules.yml")));
    Promtool.require();
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    files.forEach(f -> args.add(f.toString()));
    Promtool.Result r = Promtool.run(Promtool.repositoryRoot(), args);
    assertThat(r.exit()).as("promtool check rules %s%n%s%s", files, r.out(), r.err()).isZero();
  }
}
