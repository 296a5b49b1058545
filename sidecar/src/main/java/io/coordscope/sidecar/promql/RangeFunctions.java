package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.tsdb.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Functions over a range vector, evaluated series by series as Prometheus 2.42 does. */
final class RangeFunctions {

  private static final Set<String> NAMES = Set.of("rate", "irate", "increase", "delta", "idelta", "changes", "resets",
      "deriv", "predict_linear", "holt_winters", "absent_over_time", "avg_over_time", "min_over_time", "max_over_time",
      "sum_over_time", "count_over_time", "last_over_time", "stddev_over_time", "stdvar_over_time", "present_over_time",
      "quantile_over_time");

  private RangeFunctions() {}

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  static List<Sample> eval(Evaluator ev, Call c) {
    List<Sample> out = new ArrayList<>();
    each(ev, c, out::add);
    return out;
  }

  /**
   * True when the call's samples can never share a label set: its selector names one metric, and a
   * store holds one series per label set. An aggregation over such a call takes its samples one at
   * a time ({@link #each}) and skips the duplicate check, which would hold every one of them.
   */
  static boolean distinctOutput(Call c) {
    String name = c.function().name();
    if (!handles(name) || name.equals("absent_over_time")) {
      return false;
    }
    Expr arg = Functions.unwrap(c.args().get(name.equals("quantile_over_time") ? 1 : 0));
    return arg instanceof MatrixSelector ms && ms.selector().name() != null;
  }

  /**
   * The function's samples, handed to {@code sink} one series at a time, in the order and with the
   * errors of {@link #eval}.
   */
  static void each(Evaluator ev, Call c, Consumer<Sample> sink) {
    String name = c.function().name();
    List<Expr> args = c.args();
    int matrixArg = name.equals("quantile_over_time") ? 1 : 0;
    double[] scalars = new double[args.size()];
    for (int i = 0; i < args.size(); i++) {
      if (i != matrixArg) {
        scalars[i] = ev.scalar(args.get(i));
      }
    }
    MatrixSelector ms = (MatrixSelector) Functions.unwrap(args.get(matrixArg));
    if (name.equals("absent_over_time") || name.equals("holt_winters")) {
      List<Series> matrix = ev.matrixSelector(ms);
      if (name.equals("absent_over_time")) {
        if (matrix.isEmpty()) {
          sink.accept(new Sample(Functions.absentLabels(ms), ev.time, 1));
        }
        return;
      }
      checkHoltWintersFactors(scalars[1], scalars[2]); // after the selection, as before: its errors come first
      matrix.forEach(s -> add(sink, name, ev, ms, s, scalars));
      return;
    }
    // One window at a time: each series' samples are garbage once its value is computed, so a
    // collection during a large rule finds little alive (no window of the whole matrix).
    ev.matrixSelectorEach(ms, s -> add(sink, name, ev, ms, s, scalars));
  }

  private static void add(Consumer<Sample> out, String name, Evaluator ev, MatrixSelector ms, Series s, double[] scalars) {
    Double v = apply(name, ev, ms, s, scalars);
    if (v != null) {
      Labels labels = name.equals("last_over_time") ? s.labels() : s.labels().withoutMetricName();
      out.accept(new Sample(labels, ev.time, v));
    }
  }

  /** The function's value for one series, or null when it produces no sample (e.g. rate of one point). */
  private static Double apply(String name, Evaluator ev, MatrixSelector ms, Series s, double[] scalars) {
    double[] v = s.values();
    return switch (name) {
      case "rate" -> extrapolatedRate(ev, ms, s, true, true);
      case "increase" -> extrapolatedRate(ev, ms, s, true, false);
      case "delta" -> extrapolatedRate(ev, ms, s, false, false);
      case "irate" -> instantValue(s, true);
      case "idelta" -> instantValue(s, false);
      case "changes" -> Double.valueOf(changes(v));
      case "resets" -> Double.valueOf(resets(v));
      case "deriv" -> s.size() < 2 ? null : linearRegression(s, s.timestamps()[0])[0];
      case "predict_linear" -> {
        if (s.size() < 2) {
          yield null;
        }
        double[] si = linearRegression(s, ev.time);
        yield si[0] * scalars[1] + si[1];
      }
      case "holt_winters" -> holtWinters(v, scalars[1], scalars[2]);
      case "quantile_over_time" -> Double.valueOf(Aggregations.quantile(scalars[0], v));
      default -> Double.valueOf(OverTime.apply(name, v));
    };
  }

  /** rate/increase/delta with Prometheus's extrapolation to the range boundaries and counter-reset handling. */
  private static Double extrapolatedRate(Evaluator ev, MatrixSelector ms, Series s, boolean isCounter, boolean isRate) {
    int n = s.size();
    if (n < 2) {
      return null;
    }
    long[] t = s.timestamps();
    double[] v = s.values();
    long rangeEnd = ev.time - ms.selector().offsetMillis();
    long rangeStart = rangeEnd - ms.rangeMillis();
    double result = v[n - 1] - v[0];
    if (isCounter) {
      double prev = v[0];
      for (int i = 1; i < n; i++) {
        if (v[i] < prev) {
          result += prev;
        }
        prev = v[i];
      }
    }
    double durationToStart = (t[0] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - t[n - 1]) / 1000.0;
    double sampledInterval = (t[n - 1] - t[0]) / 1000.0;
    double averageBetween = sampledInterval / (n - 1);
    if (isCounter && result > 0 && v[0] >= 0) {
      // A counter cannot go below zero: do not extrapolate further back than its zero point.
      double durationToZero = sampledInterval * (v[0] / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageBetween * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
    double factor = extrapolateTo / sampledInterval;
    if (isRate) {
      factor /= ms.rangeMillis() / 1000.0;
    }
    return result * factor;
  }

  private static Double instantValue(Series s, boolean isRate) {
    int n = s.size();
    if (n < 2) {
      return null;
    }
    double last = s.values()[n - 1];
    double prev = s.values()[n - 2];
    long interval = s.timestamps()[n - 1] - s.timestamps()[n - 2];
    if (interval == 0) {
      return null;
    }
    double result = isRate && last < prev ? last : last - prev;
    return isRate ? result / (interval / 1000.0) : result;
  }

  private static double changes(double[] v) {
    int changes = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] != v[i - 1] && !(Double.isNaN(v[i]) && Double.isNaN(v[i - 1]))) {
        changes++;
      }
    }
    return changes;
  }

  private static double resets(double[] v) {
    int resets = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[i - 1]) {
        resets++;
      }
    }
    return resets;
  }

  /** Least-squares fit with x in seconds relative to {@code interceptTime}: {slope, intercept}. */
  private static double[] linearRegression(Series s, long interceptTime) {
    double n = 0;
    double[] sumX = new double[2];
    double[] sumY = new double[2];
    double[] sumXY = new double[2];
    double[] sumX2 = new double[2];
    double initY = s.values()[0];
    boolean constY = true;
    for (int i = 0; i < s.size(); i++) {
      double y = s.values()[i];
      if (constY && i > 0 && y != initY) {
        constY = false;
      }
      n += 1;
      double x = (s.timestamps()[i] - interceptTime) / 1e3;
      GoMath.kahanInc(x, sumX);
      GoMath.kahanInc(y, sumY);
      GoMath.kahanInc(x * y, sumXY);
      GoMath.kahanInc(x * x, sumX2);
    }
    if (constY) {
      return Double.isInfinite(initY) ? new double[] {Double.NaN, Double.NaN} : new double[] {0, initY};
    }
    double sx = sumX[0] + sumX[1];
    double sy = sumY[0] + sumY[1];
    double sxy = sumXY[0] + sumXY[1];
    double sx2 = sumX2[0] + sumX2[1];
    double covXY = sxy - sx * sy / n;
    double varX = sx2 - sx * sx / n;
    double slope = covXY / varX;
    return new double[] {slope, sy / n - slope * sx / n};
  }

  private static void checkHoltWintersFactors(double sf, double tf) {
    if (sf <= 0 || sf >= 1) {
      throw new PromQLException(String.format(java.util.Locale.ROOT, "invalid smoothing factor. Expected: 0 < sf < 1, got: %f", sf));
    }
    if (tf <= 0 || tf >= 1) {
      throw new PromQLException(String.format(java.util.Locale.ROOT, "invalid trend factor. Expected: 0 < tf < 1, got: %f", tf));
    }
  }

  private static Double holtWinters(double[] v, double sf, double tf) {
    if (v.length < 2) {
      return null;
    }
    double s0 = 0;
    double s1 = v[0];
    double b = v[1] - v[0];
    for (int i = 1; i < v.length; i++) {
      double x = sf * v[i];
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
