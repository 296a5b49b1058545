package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A recording rule as Prometheus 2.42's {@code rules/recording.go}: result renamed and relabelled. */
final class RecordingRule extends Rule {

  RecordingRule(RuleDefinition def) {
    super(def);
  }

  @Override
  List<RuleSample> eval(long ts, QueryFunction query, int limit) {
    List<RuleSample> result = query.query(def.expr(), ts);
    List<RuleSample> out = new ArrayList<>(result.size());
    Set<Labels> seen = new HashSet<>();
    for (RuleSample s : result) {
      Labels.Builder b = s.labels().toBuilder().set(Labels.METRIC_NAME, def.name());
      def.labels().forEach(b::set);
      Labels l = b.build();
      if (!seen.add(l)) {
        throw new IllegalStateException("vector contains metrics with the same labelset after applying rule labels");
      }
      out.add(new RuleSample(l, s.value()));
    }
    if (limit > 0 && out.size() > limit) {
      throw new IllegalStateException("exceeded limit of " + limit + " with " + out.size() + " series");
    }
    return out;
  }
}
