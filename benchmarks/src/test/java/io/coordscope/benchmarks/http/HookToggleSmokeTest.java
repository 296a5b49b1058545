package io.coordscope.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CI runs the hook toggle once, tiny, under the built agent jar: every client and toggle forks,
 * every phase passes its check (the hooks did what the toggle says), and the table has a row for
 * each. Nothing here judges a time.
 */
class HookToggleSmokeTest {

  private static final Path AGENT =
      Path.of(System.getProperty("coordscope.agent.jar", "../javaagent/target/coordscope-agent.jar"));

  @Test
  void everyClientAndToggleRunsUnderTheAgentAndEveryPhaseIsChecked() throws Exception {
    Peers.require("the built coordscope agent jar", Files.isRegularFile(AGENT),
        AGENT.toAbsolutePath() + " is missing; build the javaagent module first (./mvnw -B verify builds it before this one)");
    HookToggle.Options o = HookToggle.Options.parse("--agent", AGENT.toString(), "--pairs", "3", "--phase", "40",
        "--warmup", "200", "--samplers", "off,on", "--core", "none");
    String md = HookToggle.run(o);
    for (String client : HookToggle.CLIENTS) {
      for (String toggle : HookToggle.TOGGLES) {
        assertThat(md).contains("| " + client + " | off | " + toggle + " | ").contains("| " + client + " | on | " + toggle + " | ");
      }
    }
  }

  @Test
  void aRowIsTheMedianAndMeanOfThePairsDifferences() {
    // 3 pairs of 10 requests: on 11, 12, 16 µs; off 10, 10, 10 µs; CPU 600 µs on, 300 µs off.
    String row = HookToggle.row(String.join("\t", "urlConnection", "client", "3", "10", "11,12,16", "10,10,10",
        "600000", "300000"), "off");
    assertThat(row).isEqualTo("| urlConnection | off | client | +2.00 (+1.50 – +4.00) | +3.00 ± 2.99 | 13.0 / 10.0 | +10.00 |");
  }

  @Test
  void badOptionsNameWhatIsAllowed() {
    assertThatThrownBy(() -> HookToggle.Options.parse("--toggles", "client,dns"))
        .hasMessage("unknown value 'dns' for --toggles; allowed: header, client, server, both");
    assertThatThrownBy(() -> HookToggle.Options.parse("--pairs", "0")).hasMessage("--pairs must be at least 1, not 0");
    assertThatThrownBy(() -> HookToggle.Options.parse("--phase", "many")).hasMessage("--phase takes a whole number, not 'many'");
    assertThatThrownBy(() -> HookToggle.Options.parse("--pairs")).hasMessage("option --pairs needs a value");
    assertThatThrownBy(() -> HookToggle.Options.parse("--rounds", "3")).hasMessageStartingWith("unknown option '--rounds'; allowed: --agent,");
  }
}
