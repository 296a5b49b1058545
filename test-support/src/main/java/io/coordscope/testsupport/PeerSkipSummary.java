package io.coordscope.testsupport;

import io.coordscope.testsupport.PeerSkipLog.Skip;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prints the build's last line: which peer and conformance suites were skipped and why, or that
 * none were. Run by the {@code test-report} module, the last of the reactor:
 * {@code PeerSkipSummary <skip log directory>}.
 */
public final class PeerSkipSummary {

  private PeerSkipSummary() {}

  public static void main(String[] args) {
    System.out.println(line(new PeerSkipLog(Path.of(args[0])).read()));
  }

  /** One line, grouped by missing peer: {@code peer (hint): TestA, TestB; peer2 (...): TestC}. */
  public static String line(List<Skip> skips) {
    if (skips.isEmpty()) {
      return "[coordscope] peer tests: none skipped (every real-peer and conformance suite ran)";
    }
    Map<String, TreeSet<String>> byPeer = new LinkedHashMap<>();
    for (Skip s : skips) {
      byPeer.computeIfAbsent(s.what() + " (" + s.hint() + ")", k -> new TreeSet<>()).add(s.testClass());
    }
    String groups = byPeer.entrySet().stream()
        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
    long classes = byPeer.values().stream().flatMap(TreeSet::stream).distinct().count();
    return "[coordscope] SKIPPED " + classes + " peer test class" + (classes == 1 ? "" : "es")
        + " (CI=true or -D" + Peers.REQUIRE_PROPERTY + "=true fails them instead): " + groups;
  }
}
