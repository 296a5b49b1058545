package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.ast.AggregateExpr;
import io.coordscope.sidecar.promql.ast.AggregateOp;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.text.GoFloat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Aggregation operators, following Prometheus 2.42 {@code evaluator.aggregation}. */
final class Aggregations {

  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private Aggregations() {}

  /** Running state of one group. */
  private static final class Group {
    final Labels labels;
    double value;
    double mean;
    long count = 1;
    final List<Sample> members = new ArrayList<>();

    Group(Labels labels, double first) {
      this.labels = labels;
      this.value = first;
      this.mean = first;
    }
  }

  static Value eval(Evaluator ev, AggregateExpr a) {
    AggregateOp op = a.op();
    long k = 0;
    double q = 0;
    String valueLabel = null;
    if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
      double f = ev.scalar(a.param());
      if (Double.isNaN(f) || f >= 0x1p63 || f < -0x1p63) {
        throw new PromQLException("Scalar value " + GoFloat.formatV(f) + " overflows int64");
      }
      k = (long) f;
      if (k < 1) {
        return new Vector(List.of());
      }
    } else if (op == AggregateOp.QUANTILE) {
      q = ev.scalar(a.param());
    } else if (op == AggregateOp.COUNT_VALUES) {
      valueLabel = ((StringValue) ev.eval(a.param())).value();
      if (!LABEL_NAME.matcher(valueLabel).matches()) {
        throw new PromQLException("invalid label name \"" + valueLabel + "\"");
      }
    }
    List<String> grouping = new ArrayList<>(a.grouping());
    if (valueLabel != null && !a.without()) {
      grouping.add(valueLabel);
    }
    Map<Labels, Group> groups = new LinkedHashMap<>();
    String countLabel = valueLabel;
    Consumer<Sample> add = s -> {
      Labels metric = s.labels();
      if (countLabel != null) {
        metric = metric.toBuilder().set(countLabel, GoMath.formatF(s.value())).build();
      }
      Labels key = groupLabels(metric, grouping, a.without());
      Group g = groups.get(key);
      if (g == null) {
        g = new Group(key, s.value());
        g.members.add(s);
        if (op == AggregateOp.STDDEV || op == AggregateOp.STDVAR) {
          g.value = 0;
        } else if (op == AggregateOp.GROUP) {
          g.value = 1;
        }
        groups.put(key, g);
        return;
      }
      accumulate(op, g, s);
    };
    // sum(rate(x[5m])) over 170,000 series: taking the samples as they are computed keeps only the
    // groups alive, not a vector of every series (which young collections used to copy).
    if (Functions.unwrap(a.expr()) instanceof Call c && RangeFunctions.distinctOutput(c)) {
      RangeFunctions.each(ev, c, add);
    } else {
      ev.vector(a.expr()).forEach(add);
    }
    List<Sample> out = new ArrayList<>();
    for (Group g : groups.values()) {
      switch (op) {
        case TOPK, BOTTOMK -> {
          out.addAll(selectK(g.members, k, op == AggregateOp.TOPK));
          continue;
        }
        case AVG -> g.value = g.mean;
        case COUNT, COUNT_VALUES -> g.value = g.count;
        case STDVAR -> g.value = g.value / g.count;
        case STDDEV -> g.value = Math.sqrt(g.value / g.count);
        case QUANTILE -> g.value = quantile(q, g.members.stream().mapToDouble(Sample::value).toArray());
        default -> { }
      }
      out.add(new Sample(g.labels, ev.time, g.value));
    }
    return new Vector(out);
  }

  private static void accumulate(AggregateOp op, Group g, Sample s) {
    double v = s.value();
    switch (op) {
      case SUM -> g.value += v;
      case AVG -> {
        g.count++;
        if (Double.isInfinite(g.mean)) {
          if (Double.isInfinite(v) && (g.mean > 0) == (v > 0)) {
            return;
          }
          if (!Double.isInfinite(v) && !Double.isNaN(v)) {
            return;
          }
        }
        g.mean += v / g.count - g.mean / g.count;
      }
      case MAX -> {
        if (g.value < v || Double.isNaN(g.value)) {
          g.value = v;
        }
      }
      case MIN -> {
        if (g.value > v || Double.isNaN(g.value)) {
          g.value = v;
        }
      }
      case COUNT, COUNT_VALUES -> g.count++;
      case STDVAR, STDDEV -> {
        g.count++;
        double delta = v - g.mean;
        g.mean += delta / g.count;
        g.value += delta * (v - g.mean);
      }
      case TOPK, BOTTOMK, QUANTILE -> g.members.add(s);
      case GROUP -> { }
      default -> throw new IllegalStateException("unknown aggregation " + op);
    }
  }

  /** The group's label set: only the by() labels, or all but the without() labels and the name. */
  static Labels groupLabels(Labels metric, List<String> grouping, boolean without) {
    if (without) {
      String[] drop = grouping.toArray(new String[grouping.size() + 1]);
      drop[grouping.size()] = Labels.METRIC_NAME;
      return metric.without(drop);
    }
    return grouping.isEmpty() ? Labels.EMPTY : metric.keep(grouping);
  }

  /** topk/bottomk: NaN ranks below every number for both, so it comes last. Ties keep input order. */
  private static List<Sample> selectK(List<Sample> members, long k, boolean top) {
    Comparator<Sample> byValue = (x, y) -> {
      boolean xn = Double.isNaN(x.value());
      boolean yn = Double.isNaN(y.value());
      if (xn || yn) {
        return Boolean.compare(xn, yn);
      }
      return top ? Double.compare(y.value(), x.value()) : Double.compare(x.value(), y.value());
    };
    List<Sample> sorted = new ArrayList<>(members);
    sorted.sort(byValue);
    return sorted.subList(0, (int) Math.min(k, sorted.size()));
  }

  /** Prometheus's quantile(): linear interpolation between the closest ranks, φ-quantile of the values. */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] v = values.clone();
    sortNaNFirst(v);
    double n = v.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return v[(int) lower] * (1 - weight) + v[(int) upper] * weight;
  }

  /** Ascending order with NaN first, as Prometheus's vectorByValueHeap sorts. */
  private static void sortNaNFirst(double[] v) {
    java.util.Arrays.sort(v);
    int nans = 0;
    for (int i = v.length - 1; i >= 0 && Double.isNaN(v[i]); i--) {
      nans++;
    }
    if (nans > 0) {
      System.arraycopy(v, 0, v, nans, v.length - nans);
      java.util.Arrays.fill(v, 0, nans, Double.NaN);
    }
  }
}
