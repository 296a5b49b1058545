package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A query function whose answers the test sets per expression; stands in for the PromQL engine. */
final class StubQuery implements QueryFunction {

  private final Map<String, List<RuleSample>> answers = new HashMap<>();

  StubQuery set(String expr, Object... labelsThenValue) {
    List<RuleSample> out = new ArrayList<>();
    for (int i = 0; i < labelsThenValue.length; i += 2) {
      out.add(new RuleSample((Labels) labelsThenValue[i], ((Number) labelsThenValue[i + 1]).doubleValue()));
    }
    answers.put(expr, out);
    return this;
  }

  StubQuery fail(String expr) {
    answers.put(expr, null);
    return this;
  }

  @Override
  public List<RuleSample> query(String expr, long timeMillis) {
    if (!answers.containsKey(expr)) {
      return List.of();
    }
    List<RuleSample> r = answers.get(expr);
    if (r == null) {
      throw new IllegalStateException("query failed: " + expr);
    }
    return r;
  }
}
