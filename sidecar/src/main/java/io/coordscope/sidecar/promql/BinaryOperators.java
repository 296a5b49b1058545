package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.ast.BinaryExpr;
import io.coordscope.sidecar.promql.ast.BinaryOp;
import io.coordscope.sidecar.promql.ast.VectorMatching;
import io.coordscope.sidecar.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators between scalars and vectors, with Prometheus's vector matching rules. */
final class BinaryOperators {

  private BinaryOperators() {}

  static Value eval(Evaluator ev, BinaryExpr b) {
    Value l = ev.eval(b.lhs());
    Value r = ev.eval(b.rhs());
    BinaryOp op = b.op();
    if (l instanceof Scalar ls && r instanceof Scalar rs) {
      double[] res = apply(op, ls.value(), rs.value());
      double v = b.returnBool() ? res[1] : res[0];
      return new Scalar(v, ev.time);
    }
    if (l instanceof Vector lv && r instanceof Scalar rs) {
      return vectorScalar(ev, b, lv.samples(), rs.value(), false);
    }
    if (l instanceof Scalar ls && r instanceof Vector rv) {
      return vectorScalar(ev, b, rv.samples(), ls.value(), true);
    }
    List<Sample> lhs = ((Vector) l).samples();
    List<Sample> rhs = ((Vector) r).samples();
    return switch (op) {
      case AND -> and(lhs, rhs, b.matching(), false);
      case UNLESS -> and(lhs, rhs, b.matching(), true);
      case OR -> or(lhs, rhs, b.matching());
      default -> vectorVector(ev, b, lhs, rhs);
    };
  }

  /** {value, keep (1/0)} for one pair of operands, as Prometheus's vectorElemBinop. */
  static double[] apply(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> new double[] {l + r, 1};
      case SUB -> new double[] {l - r, 1};
      case MUL -> new double[] {l * r, 1};
      case DIV -> new double[] {l / r, 1};
      case MOD -> new double[] {l % r, 1};
      case POW -> new double[] {GoMath.pow(l, r), 1};
      case ATAN2 -> new double[] {Math.atan2(l, r), 1};
      case EQL -> new double[] {l, l == r ? 1 : 0};
      case NEQ -> new double[] {l, l != r ? 1 : 0};
      case GTR -> new double[] {l, l > r ? 1 : 0};
      case LSS -> new double[] {l, l < r ? 1 : 0};
      case GTE -> new double[] {l, l >= r ? 1 : 0};
      case LTE -> new double[] {l, l <= r ? 1 : 0};
      default -> throw new IllegalStateException("not an arithmetic or comparison operator: " + op);
    };
  }

  private static Vector vectorScalar(Evaluator ev, BinaryExpr b, List<Sample> vec, double scalar, boolean scalarOnLeft) {
    List<Sample> out = new ArrayList<>(vec.size());
    BinaryOp op = b.op();
    for (Sample s : vec) {
      double lv = scalarOnLeft ? scalar : s.value();
      double rv = scalarOnLeft ? s.value() : scalar;
      double[] res = apply(op, lv, rv);
      double value = res[0];
      boolean keep = res[1] != 0;
      if (op.isComparison() && scalarOnLeft) {
        value = rv; // the vector element's value is kept, whichever side it is on
      }
      if (b.returnBool()) {
        value = keep ? 1 : 0;
        keep = true;
      }
      if (keep) {
        Labels labels = op.dropsMetricName() || b.returnBool() ? s.labels().withoutMetricName() : s.labels();
        out.add(new Sample(labels, ev.time, value));
      }
    }
    return Evaluator.checkedVector(out);
  }

  private static Vector vectorVector(Evaluator ev, BinaryExpr b, List<Sample> lhs, List<Sample> rhs) {
    VectorMatching m = b.matching();
    BinaryOp op = b.op();
    boolean swapped = m.card() == Cardinality.ONE_TO_MANY;
    if (swapped) {
      List<Sample> t = lhs;
      lhs = rhs;
      rhs = t;
    }
    Map<Labels, Sample> oneSide = new HashMap<>();
    for (Sample rs : rhs) {
      Labels sig = signature(rs.labels(), m);
      Sample dup = oneSide.put(sig, rs);
      if (dup != null) {
        throw new PromQLException("found duplicate series for the match group " + sig + " on the " + (swapped ? "left" : "right")
            + " hand-side of the operation: [" + rs.labels() + ", " + dup.labels() + "];many-to-many matching not allowed: "
            + "matching labels must be unique on one side");
      }
    }
    Map<Labels, Set<Labels>> matched = new HashMap<>();
    List<Sample> out = new ArrayList<>();
    for (Sample ls : lhs) {
      Labels sig = signature(ls.labels(), m);
      Sample rs = oneSide.get(sig);
      if (rs == null) {
        continue;
      }
      double vl = swapped ? rs.value() : ls.value();
      double vr = swapped ? ls.value() : rs.value();
      double[] res = apply(op, vl, vr);
      double value = res[0];
      boolean keep = res[1] != 0;
      if (b.returnBool()) {
        value = keep ? 1 : 0;
      } else if (!keep) {
        continue;
      }
      Labels metric = resultMetric(ls.labels(), rs.labels(), op, m);
      if (b.returnBool()) {
        metric = metric.withoutMetricName();
      }
      Set<Labels> inserted = matched.get(sig);
      if (m.card() == Cardinality.ONE_TO_ONE) {
        if (inserted != null) {
          throw new PromQLException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        }
        matched.put(sig, Set.of());
      } else {
        if (inserted == null) {
          inserted = new HashSet<>();
          matched.put(sig, inserted);
        }
        if (!inserted.add(metric)) {
          throw new PromQLException("multiple matches for labels: grouping labels must ensure unique matches");
        }
      }
      out.add(new Sample(metric, ev.time, value));
    }
    return Evaluator.checkedVector(out);
  }

  private static Labels resultMetric(Labels lhs, Labels rhs, BinaryOp op, VectorMatching m) {
    boolean dropName = op.dropsMetricName();
    Labels base;
    if (m.card() == Cardinality.ONE_TO_ONE && m.on()) {
      base = lhs.keep(m.matchingLabels());
      base = dropName ? base.withoutMetricName() : base;
    } else if (m.card() == Cardinality.ONE_TO_ONE) {
      List<String> drop = new ArrayList<>(m.matchingLabels());
      if (dropName) {
        drop.add(Labels.METRIC_NAME);
      }
      base = lhs.without(drop.toArray(new String[0]));
    } else {
      base = dropName ? lhs.withoutMetricName() : lhs;
    }
    if (m.include().isEmpty()) {
      return base;
    }
    Labels.Builder b = base.toBuilder();
    for (String name : m.include()) {
      b.set(name, rhs.get(name)); // copied from the "one" side; absent there means absent here
    }
    return b.build();
  }

  /** The labels two samples must share to match: the on() labels, or all but ignoring() ones and the name. */
  static Labels signature(Labels l, VectorMatching m) {
    if (m.on()) {
      return l.keep(m.matchingLabels());
    }
    String[] drop = new String[m.matchingLabels().size() + 1];
    drop[0] = Labels.METRIC_NAME;
    for (int i = 0; i < m.matchingLabels().size(); i++) {
      drop[i + 1] = m.matchingLabels().get(i);
    }
    return l.without(drop);
  }

  private static Vector and(List<Sample> lhs, List<Sample> rhs, VectorMatching m, boolean unless) {
    Set<Labels> right = new HashSet<>();
    for (Sample s : rhs) {
      right.add(signature(s.labels(), m));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : lhs) {
      if (right.contains(signature(s.labels(), m)) != unless) {
        out.add(s);
      }
    }
    return Evaluator.checkedVector(out);
  }

  private static Vector or(List<Sample> lhs, List<Sample> rhs, VectorMatching m) {
    Set<Labels> left = new HashSet<>();
    List<Sample> out = new ArrayList<>(lhs);
    for (Sample s : lhs) {
      left.add(signature(s.labels(), m));
    }
    for (Sample s : rhs) {
      if (!left.contains(signature(s.labels(), m))) {
        out.add(s);
      }
    }
    return Evaluator.checkedVector(out);
  }
}
