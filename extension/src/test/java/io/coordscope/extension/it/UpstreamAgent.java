package io.coordscope.extension.it;

import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The upstream OpenTelemetry Java agent jars Maven fetched (pinned and previous minor), our
 * extension and the distribution, and a forked JVM configured to run under them.
 */
final class UpstreamAgent {

  static final String PINNED = System.getProperty("coordscope.otel.agent.version", "");
  static final String PREVIOUS = System.getProperty("coordscope.otel.agent.previous.version", "");

  private UpstreamAgent() {}

  /** The upstream agent jar of {@code version}; the test is skipped (with the reason) when absent. */
  static Path jar(String version) {
    Path p = Paths.get(System.getProperty("coordscope.otel.agents.dir", "target/it-agents"))
        .resolve("opentelemetry-javaagent-" + version + ".jar");
    Peers.require("upstream OpenTelemetry agent " + version, Files.isRegularFile(p),
        "not found at " + p + " (fetched by `mvn verify`, pre-integration-test)");
    return p;
  }

  static Path extensionJar() {
    return built("coordscope.extension.jar");
  }

  static Path distributionJar() {
    return built("coordscope.distribution.jar");
  }

  private static Path built(String property) {
    String p = System.getProperty(property, "");
    if (p.isEmpty() || !Files.isRegularFile(Paths.get(p))) {
      throw new AssertionError("system property " + property + " must name the built jar (run through failsafe): '" + p + "'");
    }
    return Paths.get(p);
  }

  /**
   * {@code -javaagent:<upstream agent>} with spans to {@code rx} over OTLP/HTTP and metrics on a
   * Prometheus endpoint at {@code 127.0.0.1:metricsPort}; logs and JVM noise off.
   */
  static ForkedJvm fork(Path agentJar, OtlpReceiver rx, int metricsPort) {
    return ForkedJvm.current()
        .jvmOption("-javaagent:" + agentJar)
        .sysProp("otel.service.name", "dispatcher-ext-it")
        .sysProp("otel.traces.exporter", "otlp")
        .sysProp("otel.exporter.otlp.protocol", "http/protobuf")
        .sysProp("otel.exporter.otlp.endpoint", rx.endpoint())
        .sysProp("otel.bsp.schedule.delay", "200")
        .sysProp("otel.metrics.exporter", "prometheus")
        .sysProp("otel.exporter.prometheus.host", "127.0.0.1")
        .sysProp("otel.exporter.prometheus.port", Integer.toString(metricsPort))
        .sysProp("otel.logs.exporter", "none");
  }
}
