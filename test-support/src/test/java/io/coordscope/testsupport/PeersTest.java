package io.coordscope.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.testsupport.PeerSkipLog.Skip;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PeersTest {

  @TempDir Path dir;
  String savedRequire;
  String savedDir;

  @BeforeEach
  void save() {
    savedRequire = System.getProperty(Peers.REQUIRE_PROPERTY);
    savedDir = System.getProperty(PeerSkipLog.DIR_PROPERTY);
    System.setProperty(PeerSkipLog.DIR_PROPERTY, dir.toString());
  }

  @AfterEach
  void restore() {
    restore(Peers.REQUIRE_PROPERTY, savedRequire);
    restore(PeerSkipLog.DIR_PROPERTY, savedDir);
  }

  static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void aPresentPeerNeitherSkipsNorLogs() {
    System.setProperty(Peers.REQUIRE_PROPERTY, "true");
    Peers.require("promtool", true, "not on PATH");
    assertThat(new PeerSkipLog(dir).read()).isEmpty();
  }

  @Test
  void aMissingPeerSkipsWithTheMessageAndIsLogged() {
    System.setProperty(Peers.REQUIRE_PROPERTY, "false");
    assertThatThrownBy(() -> Peers.require("promtool", false, "not on PATH; apt-get install prometheus"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("promtool (not on PATH; apt-get install prometheus)");
    assertThat(new PeerSkipLog(dir).read())
        .containsExactly(new Skip("promtool", "not on PATH; apt-get install prometheus", "PeersTest"));
  }

  @Test
  void requiredPeersFailInsteadOfSkipping() {
    System.setProperty(Peers.REQUIRE_PROPERTY, "true");
    assertThatThrownBy(() -> Peers.require("Alertmanager", false, "prometheus-alertmanager not on PATH"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("peer missing: Alertmanager (prometheus-alertmanager not on PATH)");
    assertThat(new PeerSkipLog(dir).read()).isEmpty();
  }

  @Test
  void theSummaryIsOneLineGroupedByPeer() {
    PeerSkipLog log = new PeerSkipLog(dir);
    log.record("promtool", "not on PATH", "BTest");
    log.record("PromQL conformance scripts", "../shared/peer-tests/promql not found", "PromqlConformanceTest");
    log.record("promtool", "not on PATH", "ATest");
    log.record("promtool", "not on PATH", "ATest");

    String line = PeerSkipSummary.line(log.read());

    assertThat(line).doesNotContain("\n").isEqualTo("[coordscope] SKIPPED 3 peer test classes"
        + " (CI=true or -Dcoordscope.requirePeers=true fails them instead): promtool (not on PATH): ATest, BTest;"
        + " PromQL conformance scripts (../shared/peer-tests/promql not found): PromqlConformanceTest");
    assertThat(PeerSkipSummary.line(List.of())).contains("none skipped");
  }
}
