package io.coordscope.sidecar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {

  @Test
  void everyShippedRuleFileIsLoadedByTheEmbeddedDefault() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("src/main/resources/rules"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
          .containsExactlyInAnyOrderElementsOf(DefaultRules.RESOURCES);
    }
    assertThat(DefaultRules.files()).allSatisfy(p -> assertThat(p).isRegularFile());
  }

  @Test
  void theEmbeddedDefaultLoadsTheShippedGroupsUnderStableNames() throws Exception {
    var groups = Sidecar.loadRules(io.coordscope.sidecar.config.DefaultConfig.embedded());
    assertThat(groups).isNotEmpty().allSatisfy(g -> {
      assertThat(g.file()).startsWith("builtin:rules/");
      assertThat(g.interval()).isEqualTo(java.time.Duration.ofSeconds(15));
    });
  }
}
