package io.coordscope.sidecar.otlp;

import static io.coordscope.sidecar.otlp.Requests.SEC;
import static io.coordscope.sidecar.otlp.Requests.SERVICE;
import static io.coordscope.sidecar.otlp.Requests.T0;
import static io.coordscope.sidecar.otlp.Requests.attr;
import static io.coordscope.sidecar.otlp.Requests.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpHandler;
import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.testing.RecordingAppender;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.sidecar.web.SidecarView;
import io.coordscope.sidecar.web.StubView;
import io.coordscope.sidecar.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/metrics} through the sidecar's own web server: encodings, answers, status codes. */
class OtlpReceiverTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final long MS0 = T0 / 1_000_000;
  static final String TARGET = "instance=\"pod-1\", job=\"shop/checkout\"";

  final HttpClient http = HttpClient.newHttpClient();
  PrometheusMeterRegistry registry;
  RecordingAppender store = new RecordingAppender();
  OtlpReceiver receiver;
  WebServer web;

  void start(io.coordscope.sidecar.tsdb.Appender appender, OtlpSettings settings) throws Exception {
    receiver = new OtlpReceiver(appender, settings, Duration.ofHours(1), () -> MS0);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    receiver.register(registry);
    web = WebServer.start(ListenAddress.parse("127.0.0.1:0"), view(receiver), registry, false, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (web != null) {
      web.close();
    }
  }

  HttpResponse<byte[]> post(String contentType, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/v1/metrics"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static ExportMetricsServiceRequest counterAndExponential() {
    return Requests.request(SERVICE,
        Requests.sum("http.requests", "{request}", true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
            number(T0, T0 + 10 * SEC, 5, attr("http.method", "GET"))),
        Metric.newBuilder().setName("exp").setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(1))).build());
  }

  /** The same request in OTLP/JSON, as the specification writes it (int64 as strings, enums as numbers). */
  static final String COUNTER_AND_EXPONENTIAL_JSON = """
      {"resourceMetrics":[{"resource":{"attributes":[
        {"key":"service.name","value":{"stringValue":"checkout"}},
        {"key":"service.namespace","value":{"stringValue":"shop"}},
        {"key":"service.instance.id","value":{"stringValue":"pod-1"}},
        {"key":"host.name","value":{"stringValue":"node-7"}}]},
       "scopeMetrics":[{"scope":{"name":"test","version":"1"},"metrics":[
        {"name":"http.requests","unit":"{request}","sum":{"aggregationTemporality":2,"isMonotonic":true,
         "dataPoints":[{"startTimeUnixNano":"1767225600000000000","timeUnixNano":"1767225610000000000",
                        "asDouble":5,"attributes":[{"key":"http.method","value":{"stringValue":"GET"}}]}]}},
        {"name":"exp","exponentialHistogram":{"aggregationTemporality":2,
         "dataPoints":[{"timeUnixNano":"1767225600000000000","count":"1","unknownField":{"x":1}}]}}]}]}]}
      """;

  @Test
  void protobufAndJsonRequestsStoreTheSameSeriesAndAnswerAPartialSuccessInTheirEncoding() throws Exception {
    start(store, OtlpSettings.DEFAULTS);
    HttpResponse<byte[]> proto = post("application/x-protobuf", counterAndExponential().toByteArray());
    List<RecordingAppender.Point> fromProto = store.snapshot();

    assertThat(proto.statusCode()).isEqualTo(200);
    assertThat(proto.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(proto.body());
    assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage()).contains("exponential histograms are not supported");
    assertThat(store.live(MS0 + 10_000)).contains("http_requests_total{http_method=\"GET\", " + TARGET + "}");

    store = new RecordingAppender();
    stop();
    start(store, OtlpSettings.DEFAULTS);
    HttpResponse<byte[]> json = post("application/json; charset=utf-8",
        COUNTER_AND_EXPONENTIAL_JSON.getBytes(StandardCharsets.UTF_8));

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode partial = MAPPER.readTree(json.body()).get("partialSuccess");
    assertThat(partial.get("rejectedDataPoints").asText()).isEqualTo("1");
    assertThat(partial.get("errorMessage").asText()).contains("exponential histograms are not supported");
    assertThat(store.snapshot()).isEqualTo(fromProto);
  }

  @Test
  void aFullSuccessIsAnEmptyAnswerAndGzipIsAccepted() throws Exception {
    start(store, OtlpSettings.DEFAULTS);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(Requests.request(SERVICE, Requests.gauge("g", "", number(0, T0, 3))).toByteArray());
    }
    HttpResponse<byte[]> r = post("application/x-protobuf", gz.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ExportMetricsServiceResponse.parseFrom(r.body()).hasPartialSuccess()).isFalse();
    assertThat(store.value(MS0, "g", "job", "shop/checkout", "instance", "pod-1")).isEqualTo(3);

    HttpResponse<byte[]> json = post("application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  /** What the OpenTelemetry Java agent sends with gzip: a chunked body, here in chunks of {@code chunk} bytes. */
  static byte[] chunkedPost(byte[] body, int chunk, String extraHeaders) {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(("POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
        + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n" + extraHeaders + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    for (int off = 0; off < body.length; off += chunk) {
      int n = Math.min(chunk, body.length - off);
      wire.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      wire.write(body, off, n);
      wire.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return wire.toByteArray();
  }

  static byte[] gzip(byte[] plain) throws java.io.IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    return gz.toByteArray();
  }

  /** Reads one response with a Content-Length body; returns its status and body. */
  static Map.Entry<Integer, byte[]> response(java.io.InputStream in) throws java.io.IOException {
    int status = 0;
    int length = 0;
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      if (line.startsWith("HTTP/1.1 ")) {
        status = Integer.parseInt(line.substring(9, 12));
      } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return Map.entry(status, in.readNBytes(length));
  }

  static String line(java.io.InputStream in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new java.io.EOFException("connection closed after \"" + sb + "\"");
      }
      sb.append((char) c);
    }
    return sb.toString().strip();
  }

  @Test
  void aChunkedGzipBodyIsAcceptedOnAKeptAliveConnectionAndItsLimitIs413() throws Exception {
    start(store, new OtlpSettings(true, 4096, 2, 100));
    byte[] gz = gzip(Requests.request(SERVICE, Requests.gauge("g", "", number(0, T0, 3))).toByteArray());
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), web.port())) {
      s.setSoTimeout(30_000);
      java.io.InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      s.getOutputStream().write(chunkedPost(gz, 7, ""));
      Map.Entry<Integer, byte[]> first = response(in);
      assertThat(first.getKey()).isEqualTo(200);
      assertThat(ExportMetricsServiceResponse.parseFrom(first.getValue()).hasPartialSuccess()).isFalse();
      assertThat(store.value(MS0, "g", "job", "shop/checkout", "instance", "pod-1")).isEqualTo(3);

      // the same connection, a body with trailers, then one over max_request_size
      byte[] gz2 = gzip(Requests.request(SERVICE, Requests.gauge("h", "", number(0, T0, 4))).toByteArray());
      byte[] withTrailer = chunkedPost(gz2, 1000, "Trailer: X-Sum\r\n");
      String wire = new String(withTrailer, StandardCharsets.ISO_8859_1).replaceFirst("0\r\n\r\n$", "0\r\nX-Sum: 1\r\n\r\n");
      s.getOutputStream().write(wire.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(in).getKey()).isEqualTo(200);
      assertThat(store.value(MS0, "h", "job", "shop/checkout", "instance", "pod-1")).isEqualTo(4);

      s.getOutputStream().write(chunkedPost(new byte[5000], 1024, ""));
      Map.Entry<Integer, byte[]> tooLarge = response(in);
      assertThat(tooLarge.getKey()).isEqualTo(413);
      assertThat(UnknownFieldSet.parseFrom(tooLarge.getValue()).getField(2).getLengthDelimitedList().get(0)
          .toStringUtf8()).isEqualTo("request body larger than 4096 bytes (coordscope.otlp.max_request_size)");
    }
  }

  @Test
  void brokenChunkFramingIs400() throws Exception {
    start(store, OtlpSettings.DEFAULTS);
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), web.port())) {
      s.setSoTimeout(30_000);
      String wire = new String(chunkedPost(new byte[] {1, 2, 3}, 3, ""), StandardCharsets.ISO_8859_1)
          .replace("\r\n3\r\n", "\r\n3x\r\n");
      s.getOutputStream().write(wire.getBytes(StandardCharsets.ISO_8859_1));
      Map.Entry<Integer, byte[]> r = response(new java.io.BufferedInputStream(s.getInputStream()));
      assertThat(r.getKey()).isEqualTo(400);
      assertThat(new String(r.getValue(), StandardCharsets.UTF_8))
          .startsWith("malformed chunked request body: expected CRLF after the chunk size, got 'x'");
    }
    assertThat(store.points).isEmpty();
  }

  @Test
  void badPayloadsAre400WithAStatusInTheRequestsEncoding() throws Exception {
    start(store, OtlpSettings.DEFAULTS);
    HttpResponse<byte[]> proto = post("application/x-protobuf", new byte[] {0x0a, 0x7f, 0x01});
    assertThat(proto.statusCode()).isEqualTo(400);
    UnknownFieldSet status = UnknownFieldSet.parseFrom(proto.body()); // google.rpc.Status: 1 code, 2 message
    assertThat(status.getField(1).getVarintList()).containsExactly(3L);
    assertThat(status.getField(2).getLengthDelimitedList().get(0).toStringUtf8())
        .startsWith("cannot decode the OTLP protobuf ExportMetricsServiceRequest: malformed protobuf at byte");

    HttpResponse<byte[]> json = post("application/json", "{\"resourceMetrics\":{}}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(MAPPER.readTree(json.body()).get("message").asText()).contains("\"resourceMetrics\" must be an array");

    HttpResponse<byte[]> gzip = post("application/x-protobuf", new byte[] {1, 2, 3}, "Content-Encoding", "gzip");
    assertThat(gzip.statusCode()).isEqualTo(400);
    assertThat(store.points).isEmpty();
  }

  @Test
  void wrongTypeTooLargeAndWrongMethodHaveTheirOwnStatus() throws Exception {
    start(store, new OtlpSettings(true, 1024, 2, 100));
    assertThat(post("text/plain", new byte[1]).statusCode()).isEqualTo(415);
    assertThat(post(null, new byte[1]).statusCode()).isEqualTo(415);
    assertThat(post("application/x-protobuf", new byte[1], "Content-Encoding", "br").statusCode()).isEqualTo(415);
    assertThat(post("application/x-protobuf", new byte[2048]).statusCode()).isEqualTo(413);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
      out.write(new byte[100_000]);
    }
    HttpResponse<byte[]> r = post("application/x-protobuf", bomb.toByteArray(), "Content-Encoding", "gzip");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(UnknownFieldSet.parseFrom(r.body()).getField(2).getLengthDelimitedList().get(0).toStringUtf8())
        .isEqualTo("decompressed request body larger than 1024 bytes (coordscope.otlp.max_request_size)");
    HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + web.port() + "/v1/metrics")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void busyIs503AndAFullStoreIs429BothWithRetryAfter() throws Exception {
    start(new MemorySeriesStore(Duration.ofHours(1), 1), OtlpSettings.DEFAULTS);
    receiver.slots.acquire(OtlpSettings.DEFAULT_MAX_CONCURRENT_REQUESTS);
    byte[] two = Requests.request(SERVICE, Requests.gauge("a", "", number(0, T0, 1)),
        Requests.gauge("b", "", number(0, T0, 1))).toByteArray();
    HttpResponse<byte[]> busy = post("application/x-protobuf", two);
    receiver.slots.release(OtlpSettings.DEFAULT_MAX_CONCURRENT_REQUESTS);

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(UnknownFieldSet.parseFrom(busy.body()).getField(1).getVarintList()).containsExactly(14L);

    HttpResponse<byte[]> partial = post("application/x-protobuf", two); // a fits, b and target_info do not
    assertThat(partial.statusCode()).isEqualTo(200);
    assertThat(ExportMetricsServiceResponse.parseFrom(partial.body()).getPartialSuccess().getRejectedDataPoints())
        .isEqualTo(1);
    HttpResponse<byte[]> full = post("application/x-protobuf",
        Requests.request(SERVICE, Requests.gauge("c", "", number(0, T0, 1))).toByteArray());
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(full.headers().firstValue("Retry-After")).hasValue("30");

    String metrics = registry.scrape();
    assertThat(metrics).contains("coordscope_otlp_requests_total{code=\"503\"} 1",
        "coordscope_otlp_requests_total{code=\"429\"} 1", "coordscope_otlp_requests_total{code=\"200\"} 1",
        "coordscope_otlp_data_points_accepted_total 1", "coordscope_otlp_data_points_rejected_total 2");
  }

  @Test
  void disabledIsNotFound() throws Exception {
    start(store, new OtlpSettings(false, 1024, 1, 1));
    assertThat(post("application/x-protobuf", new byte[0]).statusCode()).isEqualTo(404);
  }

  static SidecarView view(OtlpReceiver receiver) {
    return new StubView() {
      @Override
      public Optional<HttpHandler> otlpMetrics() {
        return receiver.enabled() ? Optional.of(receiver) : Optional.empty();
      }
    };
  }
}
