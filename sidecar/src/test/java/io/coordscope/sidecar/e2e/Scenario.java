package io.coordscope.sidecar.e2e;

/**
 * The scripted workload of the differential test, as pure functions of time (seconds since the
 * scenario start S). Two instances, A and B:
 *
 * <pre>
 *   [0,14)   steady: A 10 req/s ok, B 6 ok + 0.5 err; fast latencies; queues a and b on both
 *   [14,34)  error burst on A (5 err/s); A's queue "b" disappears (staleness)
 *   [34,46)  B down (HTTP 503); A's latencies shift slow
 *   [46,..)  B back; A restarts: all of A's counters reset to 0
 * </pre>
 *
 * Counters and histograms carry explicit timestamps and are exact piecewise-linear functions of
 * time, so any two scrapers sampling them at different instants see points on the same line and
 * compute the same rate in a steady phase (see the README, "differential test").
 *
 * <p>S is set once, by {@link #begin}, when both scrapers are running: on a busy machine a server
 * can take many seconds to start, and a start fixed in advance would leave it without data at the
 * first checkpoints. Until then the targets serve phase one; the counters' origin is fixed at
 * construction, so setting S does not move their lines.
 */
final class Scenario {

  static final double BURST_START = 14;
  static final double BURST_END = 34;
  static final double B_DOWN = 34;
  static final double B_UP = 46;
  static final double A_RESET = 46;

  static final double[] LE = {0.05, 0.1, 0.25, 0.5, 1, 2.5};
  private static final double[] FAST = {0.5, 0.3, 0.15, 0.04, 0.01, 0, 0};
  private static final double[] SLOW = {0.05, 0.05, 0.1, 0.2, 0.4, 0.15, 0.05};
  private static final double[] MID = {0.025, 0.075, 0.175, 0.375, 0.75, 1.75, 3};

  /** Wall-clock zero of every counter (and of A's after its restart, S + A_RESET). */
  private final long originMillis;
  private volatile long startMillis = Long.MAX_VALUE;

  /** @param nowMillis wall-clock now; counters start 600 s before it (no zero-extrapolation effects) */
  Scenario(long nowMillis) {
    this.originMillis = nowMillis - 600_000;
  }

  /** Sets S, once; the scenario stays in its first phase until then. */
  void begin(long startMillis) {
    if (this.startMillis != Long.MAX_VALUE) {
      throw new IllegalStateException("the scenario has already begun");
    }
    this.startMillis = startMillis;
  }

  long startMillis() {
    return startMillis;
  }

  /** Seconds since S at {@code nowMillis}; negative infinity before {@link #begin}. */
  double secondsSinceStart(long nowMillis) {
    long start = startMillis;
    return start == Long.MAX_VALUE ? Double.NEGATIVE_INFINITY : (nowMillis - start) / 1000.0;
  }

  boolean bUp(long nowMillis) {
    double s = secondsSinceStart(nowMillis);
    return s < B_DOWN || s >= B_UP;
  }

  /** The exposition of instance {@code a} (true) or B at wall-clock {@code nowMillis}. */
  String exposition(boolean a, long nowMillis) {
    long start = startMillis;
    // Integrals run in seconds since the origin; S sits at `shift` on that axis (infinity before begin).
    double shift = start == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (start - originMillis) / 1000.0;
    double t = (nowMillis - originMillis) / 1000.0;
    double s = t - shift;
    // Counters of A start from 0 again after its "restart"; B's never reset.
    double origin = a && s >= A_RESET ? shift + A_RESET : 0;
    StringBuilder sb = new StringBuilder(2048);
    sb.append("# TYPE http_requests_total counter\n");
    counter(sb, "http_requests_total{code=\"200\"}", integral(okRate(a), shift, origin, t), nowMillis);
    counter(sb, "http_requests_total{code=\"500\"}", integral(errRate(a), shift, origin, t), nowMillis);
    sb.append("# TYPE request_duration_seconds histogram\n");
    double cumulative = 0;
    double sum = 0;
    for (int i = 0; i <= LE.length; i++) {
      final int bucket = i;
      double share = integral(u -> (okRate(a).at(u) + errRate(a).at(u)) * dist(a, u)[bucket], shift, origin, t);
      cumulative += share;
      sum += integral(u -> (okRate(a).at(u) + errRate(a).at(u)) * dist(a, u)[bucket] * MID[bucket], shift, origin, t);
      String le = i < LE.length ? Double.toString(LE[i]) : "+Inf";
      counter(sb, "request_duration_seconds_bucket{le=\"" + le + "\"}", cumulative, nowMillis);
    }
    counter(sb, "request_duration_seconds_sum", sum, nowMillis);
    counter(sb, "request_duration_seconds_count", cumulative, nowMillis);
    sb.append("# TYPE queue_depth gauge\n");
    sb.append("queue_depth{queue=\"a\"} ").append(a ? 3 : 7).append('\n');
    if (!a || s < BURST_START) {
      sb.append("queue_depth{queue=\"b\"} ").append(a ? 5 : 2).append('\n');
    }
    return sb.toString();
  }

  interface Rate {
    double at(double s);
  }

  private static Rate okRate(boolean a) {
    return u -> a ? 10 : 6;
  }

  private static Rate errRate(boolean a) {
    return u -> a ? (u >= BURST_START && u < BURST_END ? 5 : 0) : 0.5;
  }

  private static double[] dist(boolean a, double s) {
    return a && s >= B_DOWN ? SLOW : FAST;
  }

  /**
   * Exact integral, over {@code [from, to]} seconds since the origin, of a piecewise-constant rate
   * given in seconds since S (S at {@code shift}): the rate only changes at whole phase boundaries,
   * so integrating piece by piece between them is exact.
   */
  static double integral(Rate r, double shift, double from, double to) {
    double[] cuts = {BURST_START, BURST_END, B_DOWN, B_UP, A_RESET};
    double total = 0;
    double lo = from;
    while (lo < to) {
      double hi = to;
      for (double c : cuts) {
        if (shift + c > lo && shift + c < hi) {
          hi = shift + c;
        }
      }
      total += r.at((lo + hi) / 2 - shift) * (hi - lo);
      lo = hi;
    }
    return total;
  }

  private static void counter(StringBuilder sb, String series, double value, long ts) {
    sb.append(series).append(' ').append(fmt(value)).append(' ').append(ts).append('\n');
  }

  /** Shortest round-trip form, which Prometheus's parser (Go ParseFloat) reads back exactly. */
  private static String fmt(double v) {
    return Double.toString(v);
  }
}
