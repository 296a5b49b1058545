package io.coordscope.sidecar.promql.conformance;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.Sample;
import io.coordscope.sidecar.promql.Scalar;
import io.coordscope.sidecar.promql.SeriesNotation;
import io.coordscope.sidecar.promql.UnsupportedFeatureException;
import io.coordscope.sidecar.promql.Value;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one Prometheus PromQL test script ({@code promql/test.go} format at v2.42.0) against the
 * sidecar's store and engine and records the outcome of every {@code eval}.
 */
final class ScriptRunner {

  private static final Pattern LOAD = Pattern.compile("^load\\s+(.+?)$");
  private static final Pattern EVAL = Pattern.compile("^eval(?:_(fail|ordered))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
  /** Prometheus's test.go tolerance. */
  private static final double EPSILON = 0.000001;
  private static final double MIN_NORMAL = Double.MIN_NORMAL;

  enum Status { PASSED, FAILED, SKIPPED }

  record CaseResult(int line, String expr, String at, Status status, String detail) {}

  private MemorySeriesStore store = newStore();
  private final List<CaseResult> results = new ArrayList<>();

  private static MemorySeriesStore newStore() {
    return new MemorySeriesStore(Duration.ofDays(3650), 100_000, 1_000_000);
  }

  List<CaseResult> run(String script) {
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = lines[i].strip();
      if (lines[i].startsWith("#")) {
        lines[i] = "";
      }
    }
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        continue;
      }
      String cmd = l.split("[\t ]+", 2)[0].toLowerCase(java.util.Locale.ROOT);
      if (cmd.equals("clear")) {
        store = newStore();
      } else if (cmd.equals("load")) {
        i = load(lines, i);
      } else if (cmd.startsWith("eval")) {
        i = eval(lines, i);
      } else {
        throw new IllegalArgumentException("line " + (i + 1) + ": invalid command \"" + l + "\"");
      }
    }
    return results;
  }

  private int load(String[] lines, int i) {
    Matcher m = LOAD.matcher(lines[i]);
    if (!m.matches()) {
      throw new IllegalArgumentException("line " + (i + 1) + ": invalid load command");
    }
    long step = GoDuration.parseMillis(m.group(1));
    // A later definition of the same series in one load replaces the earlier one, as in test.go.
    Map<Labels, List<SeriesNotation.Point>> defs = new LinkedHashMap<>();
    while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
      i++;
      SeriesNotation.Definition d = SeriesNotation.parseLine(lines[i]);
      defs.put(d.labels(), d.points());
    }
    defs.forEach((labels, points) -> {
      for (SeriesNotation.Point p : points) {
        store.append(labels, p.step() * step, p.value());
      }
    });
    return i;
  }

  private int eval(String[] lines, int i) {
    Matcher m = EVAL.matcher(lines[i]);
    if (!m.matches()) {
      throw new IllegalArgumentException("line " + (i + 1) + ": invalid evaluation command");
    }
    int line = i + 1;
    String mod = m.group(1);
    String at = m.group(2);
    String query = m.group(3);
    long time = GoDuration.parseMillis(at);
    Map<Labels, double[]> expected = new LinkedHashMap<>(); // labels -> {value, position}
    Double expectedScalar = null;
    for (int j = 1; i + 1 < lines.length && !lines[i + 1].isEmpty(); j++) {
      i++;
      try {
        expectedScalar = SeriesNotation.parseNumber(lines[i]);
        break;
      } catch (NumberFormatException notScalar) {
        SeriesNotation.Definition d = SeriesNotation.parseLine(lines[i]);
        expected.put(d.labels(), new double[] {d.points().get(0).value(), j});
      }
    }
    Expr expr;
    try {
      expr = PromQL.parse(query);
    } catch (UnsupportedFeatureException e) {
      results.add(new CaseResult(line, query, at, Status.SKIPPED, e.feature()));
      return i;
    } catch (PromQLException e) {
      results.add(new CaseResult(line, query, at, Status.FAILED, "parse error: " + e.getMessage()));
      return i;
    }
    Value result;
    try {
      result = new Engine(store, EngineOptions.DEFAULT).instant(expr, time);
    } catch (PromQLException e) {
      boolean ok = "fail".equals(mod);
      results.add(new CaseResult(line, query, at, ok ? Status.PASSED : Status.FAILED, ok ? "" : "evaluation error: " + e.getMessage()));
      return i;
    }
    if ("fail".equals(mod)) {
      results.add(new CaseResult(line, query, at, Status.FAILED, "expected an evaluation error, got " + result));
      return i;
    }
    String problem = compare(result, expected, expectedScalar, "ordered".equals(mod));
    results.add(new CaseResult(line, query, at, problem == null ? Status.PASSED : Status.FAILED, problem == null ? "" : problem));
    return i;
  }

  /** Null when the result matches, else what differs (after test.go's compareResult). */
  private static String compare(Value result, Map<Labels, double[]> expected, Double expectedScalar, boolean ordered) {
    if (result instanceof Scalar s) {
      if (expectedScalar == null) {
        return "got scalar " + s.value() + ", expected a vector " + expected.keySet();
      }
      return almostEqual(expectedScalar, s.value()) ? null : "expected scalar " + expectedScalar + " but got " + s.value();
    }
    if (!(result instanceof Vector v)) {
      return "expected an instant vector or scalar, got " + result.getClass().getSimpleName();
    }
    if (expectedScalar != null) {
      return "expected scalar " + expectedScalar + ", got vector " + v.samples();
    }
    int pos = 0;
    for (Sample s : v.samples()) {
      pos++;
      double[] exp = expected.get(s.labels());
      if (exp == null) {
        return "unexpected metric " + s.labels() + " " + s.value() + " in result " + v.samples();
      }
      if (ordered && exp[1] != pos) {
        return "expected metric " + s.labels() + " at position " + (int) exp[1] + " but was at " + pos;
      }
      if (!almostEqual(exp[0], s.value())) {
        return "expected " + exp[0] + " for " + s.labels() + " but got " + s.value();
      }
    }
    for (Labels l : expected.keySet()) {
      if (v.samples().stream().noneMatch(s -> s.labels().equals(l))) {
        return "expected metric " + l + " not found in result " + v.samples();
      }
    }
    return null;
  }

  static boolean almostEqual(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || diff < MIN_NORMAL) {
      return diff < EPSILON * MIN_NORMAL;
    }
    return diff / (Math.abs(a) + Math.abs(b)) < EPSILON;
  }
}
