package io.coordscope.sidecar.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.promql.conformance.ScriptRunner.CaseResult;
import io.coordscope.sidecar.promql.conformance.ScriptRunner.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance runner itself must catch wrong answers, or its passes mean nothing. */
class ScriptRunnerTest {

  private static final String SCRIPT = """
      load 5m
        m{a="1"} 0+10x10
        m{a="2"} 0+20x10

      # right
      eval instant at 50m m
        m{a="1"} 100
        m{a="2"} 200

      # wrong value
      eval instant at 50m m
        m{a="1"} 100
        m{a="2"} 201

      # a missing series
      eval instant at 50m m{a="1"}
        m{a="1"} 100
        m{a="2"} 200

      # order
      eval_ordered instant at 50m sort(m)
        m{a="2"} 200
        m{a="1"} 100

      eval_fail instant at 50m m + on() m

      eval_fail instant at 50m m

      eval instant at 50m m @ 100
        m{a="1"} 0

      eval instant at 50m 1 + 1
        2

      clear

      eval instant at 50m m
      """;

  @Test
  void reportsPassesFailuresAndSkips() {
    List<CaseResult> r = new ScriptRunner().run(SCRIPT);
    assertThat(r).extracting(CaseResult::status).containsExactly(Status.PASSED, Status.FAILED, Status.FAILED, Status.FAILED,
        Status.PASSED, Status.FAILED, Status.SKIPPED, Status.PASSED, Status.PASSED);
    assertThat(r.get(1).detail()).contains("expected 201.0", "got 200.0");
    assertThat(r.get(2).detail()).contains("not found");
    assertThat(r.get(3).detail()).contains("position");
    assertThat(r.get(6).detail()).isEqualTo("@ modifier");
  }

  @Test
  void toleranceIsPrometheusRelativeEpsilon() {
    assertThat(ScriptRunner.almostEqual(1.0, 1.0000001)).isTrue();
    assertThat(ScriptRunner.almostEqual(1.0, 1.00001)).isFalse();
    assertThat(ScriptRunner.almostEqual(Double.NaN, Double.NaN)).isTrue();
    assertThat(ScriptRunner.almostEqual(0, 1e-300)).isFalse();
  }
}
