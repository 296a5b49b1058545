package io.coordscope.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * One application, two flavours: the standalone agent and the upstream agent with the extension
 * give the same coordination metric families, series (label sets), counts and KPI values, the
 * same bucket bounds, and the same spans (names, attributes, status). What legitimately differs
 * is filtered here and listed in the extension README: the exporter's {@code otel_scope_*}
 * labels, the standalone agent's {@code _max} gauge, and the upstream agent's {@code thread.*}
 * span attributes.
 */
class ParityIT {

  /** Span attributes the upstream agent adds to every span (otel.javaagent.add-thread-details). */
  private static final Set<String> UPSTREAM_SPAN_EXTRAS = Set.of("thread.id", "thread.name");

  /**
   * Micrometer's decaying timer maximum: the standalone agent only. OpenTelemetry histograms keep
   * a min/max per collection, which the Prometheus exporter does not expose.
   */
  private static final String STANDALONE_ONLY = "coordination_operation_duration_seconds_max";

  @Test
  void sameMetricsAndSpansUnderBothFlavours() throws Exception {
    Observed standalone;
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          ForkedJvm.current()
              .withAgent("metrics.host=127.0.0.1,metrics.port=" + port)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .env("OTEL_SERVICE_NAME", "dispatcher-parity");
      standalone = observe(jvm, rx, port);
    }
    Observed extension;
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          UpstreamAgent.fork(UpstreamAgent.jar(UpstreamAgent.PINNED), rx, port)
              .sysProp("otel.javaagent.extensions", UpstreamAgent.extensionJar().toString());
      extension = observe(jvm, rx, port);
    }

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(extension.types).as("metric families").isEqualTo(standalone.types);
    soft.assertThat(extension.values).as("series and their exact values").isEqualTo(standalone.values);
    soft.assertThat(extension.buckets).as("bucket bounds").isEqualTo(standalone.buckets);
    soft.assertThat(extension.spans).as("spans").isEqualTo(standalone.spans);
    soft.assertAll();
  }

  /** What is compared: everything deterministic about the coordination telemetry of one run. */
  private record Observed(
      Map<String, String> types, Map<String, Double> values, Set<Double> buckets, List<String> spans) {}

  private static Observed observe(ForkedJvm jvm, OtlpReceiver rx, int port) throws Exception {
    jvm.sysProp("app.hold", "true")
        .main(DispatcherApp.class, Integer.toString(ExtensionIT.OK), Integer.toString(ExtensionIT.FAILING));
    try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, ExtensionIT.START)) {
      Exposition m = Exposition.parse(app.get("http://127.0.0.1:" + port + "/metrics", "text/plain; version=0.0.4"));
      Map<String, Double> values = new TreeMap<>();
      Set<Double> buckets = new TreeSet<>();
      for (Exposition.Sample s : m.samples("coordination_")) {
        if (s.name().equals(STANDALONE_ONLY)) {
          continue;
        }
        if (s.name().endsWith("_bucket")) {
          buckets.add(Exposition.number(s.labels().get("le")));
        } else if (!s.name().endsWith("_sum")) {
          values.put(s.series(), s.value()); // counts, active, KPI values and observations: exact
        }
      }
      List<ReceivedSpan> received = rx.awaitSpans(ExtensionIT.SPAN_COUNT, ExtensionIT.SPANS);
      app.finish(Duration.ofSeconds(60));
      List<String> spans =
          received.stream()
              .map(ParityIT::describe)
              .sorted()
              .collect(Collectors.toList());
      Map<String, String> types = m.types("coordination_");
      types.remove(STANDALONE_ONLY);
      return new Observed(types, values, buckets, spans);
    }
  }

  /** Name, status, attributes (upstream thread details aside), exception events: one comparable line. */
  private static String describe(ReceivedSpan s) {
    Map<String, String> attrs = new TreeMap<>(s.attributes());
    attrs.keySet().removeAll(UPSTREAM_SPAN_EXTRAS);
    long exceptions = s.span().getEventsList().stream().filter(e -> e.getName().equals("exception")).count();
    return s.name() + " kind=" + s.span().getKind() + " status=" + s.span().getStatus().getCode() + ":"
        + s.span().getStatus().getMessage() + " exceptions=" + exceptions + " " + attrs;
  }
}
