package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.config.DefaultConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

  @Test
  void theEmbeddedDefaultLoadsTheShippedGroupsUnderStableNamesAt15s() throws Exception {
    var groups = Sidecar.loadRules(DefaultConfig.embedded());
    assertThat(groups).isNotEmpty().allSatisfy(g -> {
      assertThat(g.file()).startsWith("builtin:rules/");
      assertThat(g.interval()).isEqualTo(Duration.ofSeconds(15));
    });
    assertThat(groups).extracting(g -> g.file()).contains("builtin:rules/coordscope-alerts.rules.yml");
  }
}
