package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.Sample;
import io.coordscope.sidecar.promql.Scalar;
import io.coordscope.sidecar.promql.UnsupportedFeatureException;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.promql.Value;
import io.coordscope.sidecar.promql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Connects rules to coordscope's PromQL engine, as Prometheus's {@code EngineQueryFunc}. */
public final class PromQLRules {

  /** Bound on cached parsed expressions; far above any realistic rule count. */
  private static final int MAX_CACHED = 10_000;

  private PromQLRules() {}

  /**
   * Instant queries on {@code engine}: a vector as it is, a scalar as one sample without labels,
   * anything else an error ("rule result is not a vector or scalar").
   */
  public static QueryFunction queryFunction(Engine engine) {
    Map<String, Expr> parsed = new ConcurrentHashMap<>();
    return new QueryFunction() {
      @Override
      public List<RuleSample> query(String expr, long t) {
        Value v = engine.instant(parse(expr), t);
        if (v instanceof Vector vec) {
          List<RuleSample> out = new ArrayList<>(vec.size());
          for (Sample s : vec.samples()) {
            out.add(new RuleSample(s.labels(), s.value()));
          }
          return out;
        }
        if (v instanceof Scalar s) {
          return List.of(new RuleSample(Labels.EMPTY, s.value()));
        }
        throw new PromQLException("rule result is not a vector or scalar");
      }

      @Override
      public String print(String expr) {
        try {
          return parse(expr).toString();
        } catch (PromQLException e) {
          return expr;
        }
      }

      private Expr parse(String expr) {
        Expr e = parsed.get(expr);
        if (e == null) {
          e = PromQL.parse(expr);
          if (parsed.size() >= MAX_CACHED) {
            parsed.clear();
          }
          parsed.put(expr, e);
        }
        return e;
      }
    };
  }

  /** Checks rule expressions with the PromQL parser; an expression outside the subset names the feature. */
  public static ExpressionChecker checker() {
    return expr -> {
      try {
        PromQL.parse(expr);
        return null;
      } catch (UnsupportedFeatureException e) {
        return e.getMessage();
      } catch (PromQLException e) {
        return e.getMessage();
      }
    };
  }
}
