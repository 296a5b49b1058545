package io.coordscope.sidecar.web;

/** The plain-text index at {@code /} until the status page arrives. */
final class IndexPage {

  static final String TEXT =
      """
      coordscope-sidecar

        /metrics          self-metrics, alerts and recording-rule outputs (Prometheus text / OpenMetrics)
        /-/healthy        liveness
        /-/ready          readiness (200 after the first rule load)
        /-/reload         POST: reload the configuration (needs --web.enable-lifecycle)
        /api/v1/targets   scrape targets and their health
        /api/v1/rules     rule groups and rules
        /api/v1/alerts    pending and firing alerts
        /api/v1/status    configuration and runtime facts
        /api/v1/query     instant query: ?query=<PromQL>&time=<unix seconds or RFC 3339>
      """;

  private IndexPage() {}
}
