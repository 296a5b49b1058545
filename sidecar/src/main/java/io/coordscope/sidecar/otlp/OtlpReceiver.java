package io.coordscope.sidecar.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.coordscope.sidecar.tsdb.Appender;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * {@code POST /v1/metrics}, the OTLP/HTTP metrics receiver, answering as the OTLP specification says:
 *
 * <ul>
 *   <li>{@code 200} with an {@code ExportMetricsServiceResponse}; when some points were refused
 *       (series limit, exponential histogram, invalid point) its {@code partial_success} says how
 *       many and why;
 *   <li>{@code 400} for a body that does not decode (not retried by clients), {@code 405} for
 *       another method, {@code 413} for a body over {@code max_request_size} (compressed or not),
 *       {@code 415} for a content type other than {@code application/x-protobuf} or {@code
 *       application/json}, or a content encoding other than {@code gzip};
 *   <li>{@code 503} with {@code Retry-After: 1} when {@code max_concurrent_requests} requests are
 *       already being decoded and written (the sidecar is busy: retry soon);
 *   <li>{@code 429} with {@code Retry-After: 30} when the store is full: the series limit refused
 *       every point and none was stored (retry once old series expired).
 * </ul>
 *
 * Error bodies are a {@code google.rpc.Status}; every answer is in the request's encoding.
 * Memory: at most {@code max_concurrent_requests} bodies of {@code max_request_size} (plus their
 * decoded form, a few times larger) and the {@link StreamStates} bound.
 */
public final class OtlpReceiver implements HttpHandler {

  public static final String PATH = "/v1/metrics";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  private final MetricsWriter writer;
  private final StreamStates states;
  private final OtlpStats stats = new OtlpStats();
  private volatile OtlpSettings settings;
  // package-private: a test holds every slot to see the 503
  volatile Semaphore slots;

  /**
   * @param store where series go (through the series limit)
   * @param expireAfter how long a silent stream's state is kept (the storage retention)
   * @param nowMillis the clock, for stream expiry
   */
  public OtlpReceiver(Appender store, OtlpSettings settings, Duration expireAfter, LongSupplier nowMillis) {
    this.states = new StreamStates(settings.maxStreams(), expireAfter.toMillis());
    this.writer = new MetricsWriter(store, states, nowMillis);
    this.settings = settings;
    this.slots = new Semaphore(settings.maxConcurrentRequests());
  }

  /** Applies new settings (a reload); requests in flight finish under the old ones. */
  public void configure(OtlpSettings s) {
    if (s.maxConcurrentRequests() != settings.maxConcurrentRequests()) {
      slots = new Semaphore(s.maxConcurrentRequests());
    }
    synchronized (writer) {
      states.maxStreams(s.maxStreams());
    }
    settings = s;
  }

  /** Whether {@code /v1/metrics} is served ({@code coordscope.otlp.enabled}). */
  public boolean enabled() {
    return settings.enabled();
  }

  /** The receiver's self-metrics, {@code coordscope_otlp_*}. */
  public void register(MeterRegistry r) {
    for (int status : OtlpStats.STATUSES) {
      FunctionCounter.builder("coordscope.otlp.requests", stats, st -> st.requests(status))
          .tag("code", Integer.toString(status))
          .description("OTLP/HTTP export requests to /v1/metrics by response status.").register(r);
    }
    FunctionCounter.builder("coordscope.otlp.data.points.accepted", stats, st -> st.accepted.get())
        .description("OTLP data points stored (a histogram point counts once).").register(r);
    FunctionCounter.builder("coordscope.otlp.data.points.rejected", stats, st -> st.rejected.get())
        .description("OTLP data points refused in otherwise successful requests (partial success).").register(r);
    Gauge.builder("coordscope.otlp.streams", this, x -> x.writer.streams())
        .description("Streams whose start time or delta totals the receiver keeps (coordscope.otlp.max_streams).")
        .register(r);
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    OtlpSettings s = settings;
    String type = mediaType(ex.getRequestHeaders().getFirst("Content-Type"));
    boolean json = type.equals(JSON);
    if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().set("Allow", "POST");
      error(ex, 405, OtlpResponses.UNIMPLEMENTED, "only POST is allowed on " + PATH, json);
      return;
    }
    if (!json && !type.equals(PROTOBUF)) {
      error(ex, 415, OtlpResponses.INVALID_ARGUMENT, "unsupported Content-Type \"" + type + "\"; send "
          + PROTOBUF + " or " + JSON, false);
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
    boolean gzip = encoding.equals("gzip");
    if (!gzip && !encoding.equals("identity")) {
      error(ex, 415, OtlpResponses.INVALID_ARGUMENT, "unsupported Content-Encoding \"" + encoding
          + "\"; send gzip or none", json);
      return;
    }
    if (declaredLength(ex) > s.maxRequestBytes()) {
      BodyReader.drain(ex.getRequestBody());
      error(ex, 413, OtlpResponses.RESOURCE_EXHAUSTED, "request body of " + declaredLength(ex)
          + " bytes is larger than " + s.maxRequestBytes() + " (coordscope.otlp.max_request_size)", json);
      return;
    }
    Semaphore held = slots;
    if (!held.tryAcquire()) {
      ex.getResponseHeaders().set("Retry-After", "1");
      error(ex, 503, OtlpResponses.UNAVAILABLE, "the sidecar is busy with " + s.maxConcurrentRequests()
          + " OTLP requests (coordscope.otlp.max_concurrent_requests); retry later", json);
      return;
    }
    try {
      export(ex, s, json, gzip);
    } finally {
      held.release();
    }
  }

  private void export(HttpExchange ex, OtlpSettings s, boolean json, boolean gzip) throws IOException {
    List<OtlpResource> request;
    try {
      byte[] body = BodyReader.read(ex.getRequestBody(), s.maxRequestBytes());
      if (gzip) {
        try {
          body = BodyReader.gunzip(body, s.maxRequestBytes());
        } catch (IOException e) {
          error(ex, 400, OtlpResponses.INVALID_ARGUMENT, e.getMessage(), json);
          return;
        }
      }
      request = json ? JsonDecoder.decode(body) : ProtobufDecoder.decode(body);
    } catch (BodyReader.TooLarge e) {
      error(ex, 413, OtlpResponses.RESOURCE_EXHAUSTED, e.getMessage(), json);
      return;
    } catch (OtlpException e) {
      error(ex, 400, OtlpResponses.INVALID_ARGUMENT, "cannot decode the " + (json ? "OTLP/JSON" : "OTLP protobuf")
          + " ExportMetricsServiceRequest: " + e.getMessage(), json);
      return;
    }
    ExportResult r = writer.write(request);
    stats.accepted.addAndGet(r.accepted());
    if (r.storeFull()) {
      stats.rejected.addAndGet(r.rejected());
      ex.getResponseHeaders().set("Retry-After", "30");
      error(ex, 429, OtlpResponses.RESOURCE_EXHAUSTED, r.message(), json);
      return;
    }
    stats.rejected.addAndGet(r.rejected());
    send(ex, 200, json, OtlpResponses.success(r, json));
  }

  private void error(HttpExchange ex, int status, int code, String message, boolean json) throws IOException {
    send(ex, status, json, OtlpResponses.status(code, message, json));
  }

  private void send(HttpExchange ex, int status, boolean json, byte[] body) throws IOException {
    stats.answered(status);
    ex.getResponseHeaders().set("Content-Type", json ? JSON : PROTOBUF);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The media type without parameters, lower case; empty when absent. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  private static long declaredLength(HttpExchange ex) {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    try {
      return len == null ? 0 : Long.parseLong(len.strip());
    } catch (NumberFormatException e) {
      return 0; // the server checked the framing already; the read limit still applies
    }
  }
}
