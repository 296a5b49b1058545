package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.ast.AggregateExpr;
import io.coordscope.sidecar.promql.ast.BinaryExpr;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.promql.ast.NumberLiteral;
import io.coordscope.sidecar.promql.ast.ParenExpr;
import io.coordscope.sidecar.promql.ast.StringLiteral;
import io.coordscope.sidecar.promql.ast.UnaryExpr;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import io.coordscope.sidecar.tsdb.Queryable;
import io.coordscope.sidecar.tsdb.SampleBudget;
import io.coordscope.sidecar.tsdb.Series;
import io.coordscope.sidecar.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Evaluates one instant query at one time; not thread-safe, one instance per query. Enforces the
 * query's limits as Prometheus's engine: every sample loaded from storage counts against {@code
 * maxSamples} (the store charges them series by series, so an oversized selection stops early), and
 * the timeout is checked at every expression node and every loaded series.
 */
final class Evaluator implements SampleBudget {

  /** Prometheus 2.42's message (ErrTooManySamples in "query execution"). */
  static final String TOO_MANY_SAMPLES = "query processing would load too many samples into memory in query execution";

  private final Queryable queryable;
  private final long lookbackMillis;
  private final int maxSamples;
  private final LongSupplier nanoTime;
  private final long deadline;
  /** Evaluation time, milliseconds. */
  final long time;
  private long loadedSamples;

  Evaluator(Queryable queryable, EngineOptions options, long time, LongSupplier nanoTime) {
    this.queryable = queryable;
    this.lookbackMillis = options.lookbackDelta().toMillis();
    this.maxSamples = options.maxSamples();
    this.nanoTime = nanoTime;
    this.deadline = nanoTime.getAsLong() + options.timeout().toNanos();
    this.time = time;
  }

  @Override
  public void charge(int samples) {
    loadedSamples += samples;
    if (loadedSamples > maxSamples) {
      throw new PromQLException(TOO_MANY_SAMPLES);
    }
    checkDeadline();
  }

  private void checkDeadline() {
    if (nanoTime.getAsLong() - deadline > 0) {
      throw new QueryTimeoutException();
    }
  }

  Value evaluate(Expr e) {
    try {
      return eval(e);
    } catch (ClassCastException | IndexOutOfBoundsException ex) {
      // Only reachable for a hand-built AST that skipped the parser's type checks.
      throw new PromQLException("expression is not well-typed: " + e + " (" + ex.getMessage() + ")");
    } catch (ArithmeticException | IllegalArgumentException ex) {
      throw new PromQLException(ex.getMessage());
    }
  }

  Value eval(Expr e) {
    checkDeadline();
    if (e instanceof NumberLiteral n) {
      return new Scalar(n.value(), time);
    } else if (e instanceof StringLiteral s) {
      return new StringValue(s.value(), time);
    } else if (e instanceof ParenExpr p) {
      return eval(p.expr());
    } else if (e instanceof VectorSelector vs) {
      return new Vector(vectorSelector(vs, false));
    } else if (e instanceof MatrixSelector ms) {
      return new Matrix(matrixSelector(ms));
    } else if (e instanceof UnaryExpr u) {
      return unary(u);
    } else if (e instanceof BinaryExpr b) {
      return BinaryOperators.eval(this, b);
    } else if (e instanceof AggregateExpr a) {
      return Aggregations.eval(this, a);
    } else if (e instanceof Call c) {
      return Functions.eval(this, c);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  double scalar(Expr e) {
    return ((Scalar) eval(e)).value();
  }

  List<Sample> vector(Expr e) {
    return ((Vector) eval(e)).samples();
  }

  /**
   * The latest sample of each matching series within the lookback window before {@code time -
   * offset}; a series whose latest sample is a staleness marker is absent. Samples are stamped
   * with the evaluation time, or with their own time when {@code sampleTimes} (for {@code timestamp()}).
   */
  List<Sample> vectorSelector(VectorSelector vs, boolean sampleTimes) {
    long ref = time - vs.offsetMillis();
    List<Series> series = queryable.select(ref - lookbackMillis, ref, vs.matchers(), true, this);
    List<Sample> out = new ArrayList<>(series.size());
    for (Series s : series) {
      int last = s.size() - 1;
      double v = s.values()[last];
      if (!StaleMarker.is(v)) {
        out.add(new Sample(s.labels(), sampleTimes ? s.timestamps()[last] : time, v));
      }
    }
    return out;
  }

  /** Samples of each matching series in {@code [time - offset - range, time - offset]}, markers removed. */
  List<Series> matrixSelector(MatrixSelector ms) {
    List<Series> out = new ArrayList<>();
    matrixSelectorEach(ms, out::add);
    return out;
  }

  /**
   * {@link #matrixSelector}'s series handed to {@code each} one at a time as the store loads them,
   * so that a range function over many series ({@code rate(x[1h])} over 14,000 series is 3.4
   * million samples) holds one window at a time instead of all of them.
   */
  void matrixSelectorEach(MatrixSelector ms, Consumer<Series> each) {
    long ref = time - ms.selector().offsetMillis();
    // In the store's order: Prometheus does not sort selector results either.
    queryable.selectEach(ref - ms.rangeMillis(), ref, ms.selector().matchers(), this, s -> {
      Series clean = withoutStaleMarkers(s);
      if (clean.size() > 0) {
        each.accept(clean);
      }
    });
  }

  private static Series withoutStaleMarkers(Series s) {
    int stale = 0;
    for (double v : s.values()) {
      if (StaleMarker.is(v)) {
        stale++;
      }
    }
    if (stale == 0) {
      return s;
    }
    long[] ts = new long[s.size() - stale];
    double[] vs = new double[ts.length];
    int j = 0;
    for (int k = 0; k < s.size(); k++) {
      if (!StaleMarker.is(s.values()[k])) {
        ts[j] = s.timestamps()[k];
        vs[j++] = s.values()[k];
      }
    }
    return new Series(s.labels(), ts, vs);
  }

  private Value unary(UnaryExpr u) {
    Value v = eval(u.expr());
    if (!u.negate()) {
      return v;
    }
    if (v instanceof Scalar s) {
      return new Scalar(-s.value(), time);
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : ((Vector) v).samples()) {
      out.add(new Sample(s.labels().withoutMetricName(), time, -s.value()));
    }
    return checkedVector(out);
  }

  /** A vector result, refused as Prometheus refuses it when two samples share a label set. */
  static Vector checkedVector(List<Sample> samples) {
    Set<Labels> seen = new HashSet<>();
    for (Sample s : samples) {
      if (!seen.add(s.labels())) {
        throw new PromQLException("vector cannot contain metrics with the same labelset");
      }
    }
    return new Vector(samples);
  }
}
