package io.coordscope.sidecar.otlp;

/**
 * {@code coordscope.otlp}: the OTLP/HTTP metrics receiver on the web listener ({@code POST /v1/metrics}).
 *
 * @param enabled whether {@code /v1/metrics} accepts pushes (otherwise it is a 404)
 * @param maxRequestBytes largest request body, compressed and (for gzip) decompressed; larger → 413
 * @param maxConcurrentRequests requests decoded and written at once; beyond → 503 with {@code Retry-After}
 * @param maxStreams streams (metric + attributes) whose state the receiver keeps: delta totals and start times
 */
public record OtlpSettings(boolean enabled, long maxRequestBytes, int maxConcurrentRequests, int maxStreams) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 4L << 20;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 2;
  public static final int DEFAULT_MAX_STREAMS = 10_000;

  public static final OtlpSettings DEFAULTS =
      new OtlpSettings(true, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_STREAMS);

  public OtlpSettings {
    if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE - 16 || maxConcurrentRequests < 1
        || maxStreams < 1) {
      throw new IllegalArgumentException("OTLP receiver limits out of range: max_request_size " + maxRequestBytes
          + " (1 B to 2 GiB), max_concurrent_requests " + maxConcurrentRequests + " (>= 1), max_streams "
          + maxStreams + " (>= 1)");
    }
  }
}
