package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.promql.ast.ParenExpr;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/** Function calls: dispatch, and the functions over instant vectors and scalars. */
final class Functions {

  private Functions() {}

  static Value eval(Evaluator ev, Call c) {
    String name = c.function().name();
    List<Expr> args = c.args();
    if (RangeFunctions.handles(name)) {
      return Evaluator.checkedVector(RangeFunctions.eval(ev, c));
    }
    switch (name) {
      case "time":
        return new Scalar(ev.time / 1000.0, ev.time);
      case "pi":
        return new Scalar(Math.PI, ev.time);
      case "vector":
        return new Vector(List.of(new Sample(Labels.EMPTY, ev.time, ev.scalar(args.get(0)))));
      case "scalar": {
        List<Sample> v = ev.vector(args.get(0));
        return new Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN, ev.time);
      }
      default:
        return Evaluator.checkedVector(vectorFunction(ev, name, args));
    }
  }

  private static List<Sample> vectorFunction(Evaluator ev, String name, List<Expr> args) {
    switch (name) {
      case "absent": {
        List<Sample> v = ev.vector(args.get(0));
        return v.isEmpty() ? List.of(new Sample(absentLabels(args.get(0)), ev.time, 1)) : List.of();
      }
      case "sort":
        return sorted(ev.vector(args.get(0)), false);
      case "sort_desc":
        return sorted(ev.vector(args.get(0)), true);
      case "timestamp": {
        Expr arg = unwrap(args.get(0));
        List<Sample> v = arg instanceof VectorSelector vs ? ev.vectorSelector(vs, true) : ev.vector(arg);
        return map(ev, v, s -> s.timestamp() / 1000.0);
      }
      case "round": {
        List<Sample> v = ev.vector(args.get(0));
        double toNearest = args.size() > 1 ? ev.scalar(args.get(1)) : 1;
        double inverse = 1.0 / toNearest;
        return map(ev, v, s -> Math.floor(s.value() * inverse + 0.5) / inverse);
      }
      case "clamp": {
        List<Sample> v = ev.vector(args.get(0));
        double min = ev.scalar(args.get(1));
        double max = ev.scalar(args.get(2));
        return max < min ? List.of() : map(ev, v, s -> Math.max(min, Math.min(max, s.value())));
      }
      case "clamp_min": {
        List<Sample> v = ev.vector(args.get(0));
        double min = ev.scalar(args.get(1));
        return map(ev, v, s -> Math.max(s.value(), min));
      }
      case "clamp_max": {
        List<Sample> v = ev.vector(args.get(0));
        double max = ev.scalar(args.get(1));
        return map(ev, v, s -> Math.min(s.value(), max));
      }
      case "histogram_quantile":
        return HistogramQuantile.eval(ev, ev.scalar(args.get(0)), ev.vector(args.get(1)));
      case "label_replace":
        return LabelFunctions.labelReplace(ev, args);
      case "label_join":
        return LabelFunctions.labelJoin(ev, args);
      default:
        break;
    }
    DoubleUnaryOperator math = mathFunction(name);
    if (math != null) {
      return map(ev, ev.vector(args.get(0)), s -> math.applyAsDouble(s.value()));
    }
    ToDoubleFunction<ZonedDateTime> date = dateFunction(name);
    if (date != null) {
      if (args.isEmpty()) {
        return List.of(new Sample(Labels.EMPTY, ev.time, date.applyAsDouble(utc(ev.time / 1000.0))));
      }
      return map(ev, ev.vector(args.get(0)), s -> date.applyAsDouble(utc(s.value())));
    }
    throw new IllegalStateException("function not implemented: " + name);
  }

  private static List<Sample> map(Evaluator ev, List<Sample> in, ToDoubleFunction<Sample> f) {
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      out.add(new Sample(s.labels().withoutMetricName(), ev.time, f.applyAsDouble(s)));
    }
    return out;
  }

  private static List<Sample> sorted(List<Sample> in, boolean descending) {
    List<Sample> out = new ArrayList<>(in);
    Comparator<Sample> c = (x, y) -> {
      boolean xn = Double.isNaN(x.value());
      boolean yn = Double.isNaN(y.value());
      if (xn || yn) {
        return Boolean.compare(xn, yn);
      }
      return descending ? Double.compare(y.value(), x.value()) : Double.compare(x.value(), y.value());
    };
    out.sort(c);
    return out;
  }

  static Expr unwrap(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  /** absent()'s labels: those of the selector's equality matchers, unless a label is matched twice. */
  static Labels absentLabels(Expr arg) {
    Expr e = unwrap(arg);
    List<Matcher> matchers;
    if (e instanceof VectorSelector vs) {
      matchers = vs.matchers();
    } else if (e instanceof MatrixSelector ms) {
      matchers = ms.selector().matchers();
    } else {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    Set<String> has = new HashSet<>();
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.type() == Matcher.Type.EQ && has.add(m.name())) {
        b.set(m.name(), m.value());
      } else {
        b.remove(m.name());
      }
    }
    return b.build();
  }

  private static DoubleUnaryOperator mathFunction(String name) {
    return switch (name) {
      case "abs" -> Math::abs;
      case "ceil" -> Math::ceil;
      case "floor" -> Math::floor;
      case "exp" -> StrictMath::exp;
      case "sqrt" -> Math::sqrt;
      case "ln" -> StrictMath::log;
      case "log2" -> GoMath::log2;
      case "log10" -> GoMath::log10;
      case "sgn" -> v -> v < 0 ? -1 : v > 0 ? 1 : v;
      case "sin" -> Math::sin;
      case "cos" -> Math::cos;
      case "tan" -> Math::tan;
      case "asin" -> Math::asin;
      case "acos" -> Math::acos;
      case "atan" -> Math::atan;
      case "sinh" -> Math::sinh;
      case "cosh" -> Math::cosh;
      case "tanh" -> Math::tanh;
      case "asinh" -> GoMath::asinh;
      case "acosh" -> GoMath::acosh;
      case "atanh" -> GoMath::atanh;
      case "deg" -> v -> v * 180 / Math.PI;
      case "rad" -> v -> v * Math.PI / 180;
      default -> null;
    };
  }

  private static ZonedDateTime utc(double seconds) {
    return Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
  }

  private static ToDoubleFunction<ZonedDateTime> dateFunction(String name) {
    return switch (name) {
      case "day_of_month" -> t -> t.getDayOfMonth();
      case "day_of_week" -> t -> t.getDayOfWeek().getValue() % 7;
      case "day_of_year" -> t -> t.getDayOfYear();
      case "days_in_month" -> t -> t.toLocalDate().lengthOfMonth();
      case "hour" -> t -> t.getHour();
      case "minute" -> t -> t.getMinute();
      case "month" -> t -> t.getMonthValue();
      case "year" -> t -> t.getYear();
      default -> null;
    };
  }
}
