package io.coordscope.sidecar.app;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.Matrix;
import io.coordscope.sidecar.promql.PromQL;
import io.coordscope.sidecar.promql.PromQLException;
import io.coordscope.sidecar.promql.QueryTimeoutException;
import io.coordscope.sidecar.promql.Scalar;
import io.coordscope.sidecar.promql.StringValue;
import io.coordscope.sidecar.promql.Value;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.rules.QueryFunction;
import io.coordscope.sidecar.rules.RuleSample;
import io.coordscope.sidecar.tsdb.Series;
import io.coordscope.sidecar.web.PromJson;
import io.coordscope.sidecar.web.QueryException;
import io.coordscope.sidecar.web.QueryResult;
import java.util.List;

/** The PromQL engine seen by rules (a {@link QueryFunction}) and by the query API. */
final class Queries {

  private Queries() {}

  /** Rules take vectors and scalars, as Prometheus's {@code EngineQueryFunc}. */
  static QueryFunction forRules(Engine engine) {
    return (expr, t) -> {
      Value v = engine.instant(expr, t);
      if (v instanceof Vector vec) {
        return vec.samples().stream().map(s -> new RuleSample(s.labels(), s.value())).toList();
      }
      if (v instanceof Scalar s) {
        return List.of(new RuleSample(Labels.EMPTY, s.value()));
      }
      throw new PromQLException("rule result is not a vector or scalar");
    };
  }

  static QueryResult forApi(Engine engine, String expr, long t) throws QueryException {
    Expr parsed;
    try {
      parsed = PromQL.parse(expr);
    } catch (PromQLException e) {
      throw new QueryException("bad_data", e.getMessage());
    }
    Value v;
    try {
      v = engine.instant(parsed, t);
    } catch (QueryTimeoutException e) {
      throw new QueryException("timeout", e.getMessage()); // Prometheus: 503
    } catch (PromQLException e) {
      throw new QueryException("execution", e.getMessage());
    }
    if (v instanceof Vector vec) {
      return new QueryResult("vector",
          vec.samples().stream().map(s -> QueryResult.sample(s.labels().toMap(), s.timestamp(), s.value())).toList());
    }
    if (v instanceof Scalar s) {
      return new QueryResult("scalar", QueryResult.scalar(s.t(), s.value()));
    }
    if (v instanceof Matrix m) {
      return new QueryResult("matrix", m.series().stream()
          .map((Series s) -> QueryResult.series(s.labels().toMap(), s.timestamps(), s.values())).toList());
    }
    StringValue s = (StringValue) v;
    return new QueryResult("string", List.of(PromJson.seconds(s.t()), s.value()));
  }
}
