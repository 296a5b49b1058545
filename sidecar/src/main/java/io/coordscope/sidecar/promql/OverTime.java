package io.coordscope.sidecar.promql;

/** The {@code *_over_time} aggregations of one series' points, as Prometheus 2.42 computes them. */
final class OverTime {

  private OverTime() {}

  static double apply(String name, double[] v) {
    return switch (name) {
      case "avg_over_time" -> avg(v);
      case "min_over_time" -> min(v);
      case "max_over_time" -> max(v);
      case "sum_over_time" -> sum(v);
      case "count_over_time" -> v.length;
      case "last_over_time" -> v[v.length - 1];
      case "present_over_time" -> 1;
      case "stdvar_over_time" -> stdvar(v);
      case "stddev_over_time" -> Math.sqrt(stdvar(v));
      default -> throw new IllegalStateException("not a range function: " + name);
    };
  }

  private static double avg(double[] v) {
    double[] mean = new double[2];
    double count = 0;
    for (double x : v) {
      count++;
      if (Double.isInfinite(mean[0])) {
        if (Double.isInfinite(x) && (mean[0] > 0) == (x > 0)) {
          continue;
        }
        if (!Double.isInfinite(x) && !Double.isNaN(x)) {
          continue;
        }
      }
      GoMath.kahanInc(x / count - mean[0] / count, mean);
    }
    return Double.isInfinite(mean[0]) ? mean[0] : mean[0] + mean[1];
  }

  private static double min(double[] v) {
    double m = v[0];
    for (double x : v) {
      if (x < m || Double.isNaN(m)) {
        m = x;
      }
    }
    return m;
  }

  private static double max(double[] v) {
    double m = v[0];
    for (double x : v) {
      if (x > m || Double.isNaN(m)) {
        m = x;
      }
    }
    return m;
  }

  private static double sum(double[] v) {
    double[] sum = new double[2];
    for (double x : v) {
      GoMath.kahanInc(x, sum);
    }
    return Double.isInfinite(sum[0]) ? sum[0] : sum[0] + sum[1];
  }

  private static double stdvar(double[] v) {
    double count = 0;
    double[] mean = new double[2];
    double[] aux = new double[2];
    for (double x : v) {
      count++;
      double delta = x - (mean[0] + mean[1]);
      GoMath.kahanInc(delta / count, mean);
      GoMath.kahanInc(delta * (x - (mean[0] + mean[1])), aux);
    }
    return (aux[0] + aux[1]) / count;
  }
}
