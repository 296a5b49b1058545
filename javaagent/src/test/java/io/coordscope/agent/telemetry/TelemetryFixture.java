package io.coordscope.agent.telemetry;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.core.KpiSpec;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.OperationSpec;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A Telemetry wired to an in-memory exporter, a fake clock and an ephemeral metrics port. */
final class TelemetryFixture implements AutoCloseable {

  final MethodRegistry registry = new MethodRegistry();
  final AgentStats stats = new AgentStats();
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  /** Nanoseconds; tests move it by hand. */
  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  final Telemetry telemetry;
  final MetricsServer server;

  TelemetryFixture() {
    this(Map.of());
  }

  TelemetryFixture(Map<String, String> config) {
    TelemetrySettings s = new TelemetrySettings(AgentConfig.fromMap(config));
    telemetry =
        new Telemetry(s, registry, stats, exporter, clock::get, new ExportFailureLog(clock::get, "test"));
    // JVM and process metrics only where a test asks for them: they would crowd every other scrape.
    server = telemetry.startMetricsServer("127.0.0.1", 0, "true".equals(config.get("metrics.runtime")));
  }

  int op(String operation, String kind) {
    return registry.registerOperation(
        new OperationSpec(operation, kind, "com.acme.Dispatcher", "claim", null, false));
  }

  int op(OperationSpec spec) {
    return registry.registerOperation(spec);
  }

  int kpi(String name, String unit) {
    return registry.registerKpi(new KpiSpec(name, unit, "com.acme.Board", "velocity"));
  }

  /** One call that takes {@code millis} on the fake clock and ends with {@code thrown}. */
  void call(int id, long millis, Throwable thrown) {
    Object scope = telemetry.enter(id, null);
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    telemetry.exit(id, scope, null, thrown);
  }

  List<SpanData> spans() {
    telemetry.flush(10, TimeUnit.SECONDS);
    return exporter.getFinishedSpanItems();
  }

  String scrape() throws IOException, InterruptedException {
    return scrape("text/plain").body();
  }

  String scrapeOpenMetrics() throws IOException, InterruptedException {
    return scrape("application/openmetrics-text; version=1.0.0").body();
  }

  HttpResponse<String> scrape(String accept) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
            .header("Accept", accept)
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    telemetry.shutdown();
  }
}
