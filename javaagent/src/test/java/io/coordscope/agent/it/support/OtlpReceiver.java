package io.coordscope.agent.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP receiver for tests: accepts {@code POST /v1/traces} with a protobuf
 * {@code ExportTraceServiceRequest} and {@code POST /v1/metrics} with an
 * {@code ExportMetricsServiceRequest} (decoded with the official proto classes) on an ephemeral
 * loopback port and keeps every span and metric with its resource.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** Larger bodies are refused (413): a test fixture must stay bounded too. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  /** One received span with the resource attributes it came with. */
  public record ReceivedSpan(Span span, Map<String, String> resource) {
    public String name() {
      return span.getName();
    }

    public String traceId() {
      return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    public String spanId() {
      return HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }

    public Map<String, String> attributes() {
      return toMap(span.getAttributesList());
    }

    public boolean isError() {
      return span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR;
    }
  }

  /** One received metric (all its points of one export) with the resource attributes it came with. */
  public record ReceivedMetric(Metric metric, Map<String, String> resource) {
    public String name() {
      return metric.getName();
    }
  }

  private final HttpServer server;
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/v1/traces", ex -> handle(ex, this::traces));
    server.createContext("/v1/metrics", ex -> handle(ex, this::metrics));
    server.start();
  }

  /** The base URL for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  public synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Waits until at least {@code n} spans arrived (or the time is up) and returns all of them. */
  public synchronized List<ReceivedSpan> awaitSpans(int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (spans.size() < n) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(spans);
  }

  /**
   * Waits until a received metric satisfies {@code p} (or the time is up: null) and returns the
   * latest such metric.
   */
  public synchronized ReceivedMetric awaitMetric(Predicate<ReceivedMetric> p, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = metrics.size() - 1; i >= 0; i--) {
        if (p.test(metrics.get(i))) {
          return metrics.get(i);
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  public synchronized List<ReceivedMetric> metrics() {
    return List.copyOf(metrics);
  }

  private byte[] traces(byte[] body) throws IOException {
    ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(body);
    synchronized (this) {
      for (ResourceSpans rs : req.getResourceSpansList()) {
        Map<String, String> resource = toMap(rs.getResource().getAttributesList());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            spans.add(new ReceivedSpan(s, resource));
          }
        }
      }
      notifyAll();
    }
    return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
  }

  private byte[] metrics(byte[] body) throws IOException {
    ExportMetricsServiceRequest req = ExportMetricsServiceRequest.parseFrom(body);
    synchronized (this) {
      for (ResourceMetrics rm : req.getResourceMetricsList()) {
        Map<String, String> resource = toMap(rm.getResource().getAttributesList());
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
          for (Metric m : sm.getMetricsList()) {
            metrics.add(new ReceivedMetric(m, resource));
          }
        }
      }
      notifyAll();
    }
    return ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
  }

  /** Decodes a request body and answers with the encoded response. */
  private interface Decoder {
    byte[] accept(byte[] body) throws IOException;
  }

  private void handle(HttpExchange ex, Decoder decoder) throws IOException {
    try {
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        ex.sendResponseHeaders(413, -1);
        return;
      }
      byte[] ok = decoder.accept(body);
      requests.incrementAndGet();
      ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      ex.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
      if (ok.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(ok);
        }
      }
    } catch (RuntimeException | IOException e) {
      ex.sendResponseHeaders(400, -1);
    } catch (Error e) {
      // E.g. proto classes that cannot load: answer, so the sender reports a status, not a hang-up.
      ex.sendResponseHeaders(500, -1);
      throw e;
    } finally {
      ex.close();
    }
  }

  static Map<String, String> toMap(List<KeyValue> kvs) {
    return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> asString(kv.getValue()), (a, b) -> b));
  }

  private static String asString(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE:
        return v.getStringValue();
      case INT_VALUE:
        return Long.toString(v.getIntValue());
      case BOOL_VALUE:
        return Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE:
        return Double.toString(v.getDoubleValue());
      default:
        return v.toString();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
