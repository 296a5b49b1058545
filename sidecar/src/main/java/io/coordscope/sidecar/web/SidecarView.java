package io.coordscope.sidecar.web;

import io.coordscope.sidecar.health.HealthEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the endpoints need from the running sidecar. Implementations must be thread-safe. */
public interface SidecarView {

  List<TargetView> targets();

  List<RuleGroupView> ruleGroups();

  /** Pending and firing alerts (not resolved ones), as {@code /api/v1/alerts} lists them. */
  List<AlertView> alerts();

  /** Free-form facts for {@code /api/v1/status}, in display order. */
  Map<String, Object> status();

  /** True once the first rule load completed ({@code /-/ready}). */
  boolean ready();

  /**
   * An instant query at {@code timeMillis}.
   *
   * @throws QueryException for a bad expression ({@code bad_data}) or a failed evaluation
   *     ({@code execution})
   */
  QueryResult query(String expr, long timeMillis) throws QueryException;

  /** Reloads the configuration; the error that kept the old one running, if any. */
  Optional<String> reload();

  /** The health score, empty where none runs (tests of the other endpoints). */
  default Optional<HealthEvaluator> health() {
    return Optional.empty();
  }

  /**
   * The example trace of an alert with these labels, as sent to Alertmanager: {@code trace_id} and,
   * with a trace-UI URL template, {@code trace_url}; empty when there is none.
   */
  default Map<String, String> exampleTrace(Map<String, String> alertLabels) {
    return Map.of();
  }

  /** The handler of {@code /v1/metrics} (OTLP/HTTP push), empty where none is enabled (404). */
  default Optional<com.sun.net.httpserver.HttpHandler> otlpMetrics() {
    return Optional.empty();
  }
}
