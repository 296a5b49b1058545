package io.coordscope.sidecar.e2e;

import java.util.Locale;

/**
 * The scripted workload of the health-score differential test, as pure functions of time (seconds
 * since S). Target A reports {@code target_info{service_name="dispatcher"}}; B has none (service =
 * its job, {@code app}). One operation, histogram buckets 0.1 / 0.25 / 1 / +Inf.
 *
 * <pre>
 *   [0,30)    steady: A 10 ok/s, 0.5 % slow; B 6 ok/s + 0.03 err/s
 *   [30,60)   A: 9 ok/s + 1 err/s (10 % errors: burn 10)
 *   [60,90)   B down (HTTP 503); A: 10 ok/s, 5 % slower than 0.25 s (burn 5)
 *   [90,120)  B back; A as at the start
 *   [120,140) as before, and one claim on A stuck in flight (oldest call 15 s old at 120, past
 *             stuck_after, set to 10 s in the test)
 *   [140,...) the claim returned (oldest in flight 0)
 * </pre>
 *
 * Counters carry explicit timestamps and are exact piecewise-linear functions of time, so both
 * systems see points on the same lines wherever they sample (see {@link Scenario}).
 */
final class HealthScenario {

  static final double ERRORS = 30;
  static final double B_DOWN = 60;
  static final double B_UP = 90;
  static final double STUCK_FROM = 120;
  static final double STUCK_TO = 140;
  static final double[] CUTS = {ERRORS, B_DOWN, B_UP};

  private final long startMillis;

  HealthScenario(long startMillis) {
    this.startMillis = startMillis;
  }

  long startMillis() {
    return startMillis;
  }

  boolean bUp(double s) {
    return s < B_DOWN || s >= B_UP;
  }

  private static double ok(boolean a, double u) {
    return a ? (u >= ERRORS && u < B_DOWN ? 9 : 10) : 6;
  }

  private static double err(boolean a, double u) {
    return a ? (u >= ERRORS && u < B_DOWN ? 1 : 0) : 0.03;
  }

  /** Age of the oldest call in flight (0 when none), a gauge. */
  private static double oldestActive(boolean a, double u) {
    return a && u >= STUCK_FROM && u < STUCK_TO ? 15 + (u - STUCK_FROM) : 0;
  }

  /** Share of operations slower than 0.25 s. */
  private static double slow(boolean a, double u) {
    return a && u >= B_DOWN && u < B_UP ? 0.05 : a ? 0.005 : 0.01;
  }

  String exposition(boolean a, long nowMillis) {
    double s = (nowMillis - startMillis) / 1000.0;
    double origin = -600;
    StringBuilder sb = new StringBuilder(2048);
    if (a) {
      sb.append("# TYPE target_info gauge\ntarget_info{service_name=\"dispatcher\",service_version=\"1.0\"} 1\n");
    }
    sb.append("# TYPE coordination_operation_duration_seconds histogram\n");
    for (String outcome : new String[] {"success", "error"}) {
      boolean isErr = outcome.equals("error");
      Scenario.Rate total = u -> isErr ? err(a, u) : ok(a, u);
      double count = integral(total, origin, s);
      double fast = integral(u -> total.at(u) * (1 - slow(a, u)), origin, s);
      String l = "operation=\"work.claim\",kind=\"claim\",outcome=\"" + outcome + "\"";
      counter(sb, "coordination_operation_duration_seconds_bucket{" + l + ",le=\"0.1\"}", fast * 0.6, nowMillis);
      counter(sb, "coordination_operation_duration_seconds_bucket{" + l + ",le=\"0.25\"}", fast, nowMillis);
      counter(sb, "coordination_operation_duration_seconds_bucket{" + l + ",le=\"1.0\"}", count, nowMillis);
      counter(sb, "coordination_operation_duration_seconds_bucket{" + l + ",le=\"+Inf\"}", count, nowMillis);
      counter(sb, "coordination_operation_duration_seconds_count{" + l + "}", count, nowMillis);
      counter(sb, "coordination_operation_duration_seconds_sum{" + l + "}", count * 0.1, nowMillis);
    }
    sb.append("# TYPE coordination_operation_oldest_active_seconds gauge\n");
    counter(sb, "coordination_operation_oldest_active_seconds{operation=\"work.claim\",kind=\"claim\"}",
        oldestActive(a, s), nowMillis);
    return sb.toString();
  }

  static double integral(Scenario.Rate r, double from, double to) {
    double total = 0;
    double lo = from;
    while (lo < to) {
      double hi = to;
      for (double c : CUTS) {
        if (c > lo && c < hi) {
          hi = c;
        }
      }
      total += r.at((lo + hi) / 2) * (hi - lo);
      lo = hi;
    }
    return total;
  }

  private static void counter(StringBuilder sb, String series, double value, long ts) {
    sb.append(series).append(' ').append(String.format(Locale.ROOT, "%s", Double.toString(value))).append(' ')
        .append(ts).append('\n');
  }
}
