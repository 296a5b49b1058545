package io.coordscope.sidecar.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.coordscope.sidecar.promql.conformance.ScriptRunner.CaseResult;
import io.coordscope.sidecar.promql.conformance.ScriptRunner.Status;
import io.coordscope.testsupport.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Prometheus's own PromQL test scripts (v2.42.0, {@code peer-tests/promql/*.test}) against
 * the sidecar's engine. One dynamic test per {@code eval}: in-scope cases must pass; a case is
 * skipped only when the parser reports a feature outside the subset. Per file, the number of
 * passed cases may not drop below {@code promql-conformance-baseline.properties}.
 */
class PromqlConformanceTest {

  @TestFactory
  Stream<DynamicNode> prometheusTestScripts() throws IOException {
    String shared = System.getProperty("coordscope.shared.dir", "");
    Path dir = Path.of(shared.isEmpty() ? "/nonexistent" : shared, "peer-tests", "promql");
    if (!Files.isDirectory(dir)) {
      // One test that skips (or fails, in CI), so the missing corpus shows in the test counts.
      return Stream.of(DynamicTest.dynamicTest("peer-tests/promql present", () -> Peers.require(
          "PromQL conformance scripts", false, dir + " not found; -Dcoordscope.shared.dir=DIR names the folder holding peer-tests/")));
    }
    Properties baseline = baseline();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().collect(Collectors.toList());
    }
    List<DynamicNode> nodes = new ArrayList<>();
    StringBuilder summary = new StringBuilder("PromQL conformance (Prometheus v2.42.0 test scripts):\n");
    for (Path f : files) {
      String name = f.getFileName().toString();
      List<CaseResult> results = new ScriptRunner().run(Files.readString(f, StandardCharsets.UTF_8));
      long passed = results.stream().filter(r -> r.status() == Status.PASSED).count();
      long failed = results.stream().filter(r -> r.status() == Status.FAILED).count();
      TreeSet<String> features = results.stream().filter(r -> r.status() == Status.SKIPPED).map(CaseResult::detail)
          .collect(Collectors.toCollection(TreeSet::new));
      long skipped = results.size() - passed - failed;
      summary.append(String.format("  %s: %d passed, %d failed, %d skipped%s%n", name, passed, failed, skipped,
          features.isEmpty() ? "" : ": " + String.join(", ", features)));
      List<DynamicNode> cases = new ArrayList<>();
      for (CaseResult r : results) {
        cases.add(DynamicTest.dynamicTest("line " + r.line() + ": " + r.expr() + " at " + r.at(), () -> check(name, r)));
      }
      int floor = Integer.parseInt(baseline.getProperty(name + ".passed", "0"));
      cases.add(DynamicTest.dynamicTest("passed cases >= baseline " + floor, () -> assertThat(passed)
          .as("%s: passed cases dropped below the recorded baseline (promql-conformance-baseline.properties)", name)
          .isGreaterThanOrEqualTo(floor)));
      nodes.add(DynamicContainer.dynamicContainer(name, cases));
    }
    System.out.print(summary);
    return nodes.stream();
  }

  private static void check(String file, CaseResult r) {
    switch (r.status()) {
      case PASSED -> { }
      case SKIPPED -> Assumptions.abort("outside the PromQL subset: " + r.detail());
      case FAILED -> fail(file + ":" + r.line() + ": eval instant at " + r.at() + " " + r.expr() + "\n  " + r.detail());
      default -> throw new IllegalStateException();
    }
  }

  private static Properties baseline() throws IOException {
    Properties p = new Properties();
    try (InputStream in = PromqlConformanceTest.class.getResourceAsStream("/promql-conformance-baseline.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return p;
  }
}
