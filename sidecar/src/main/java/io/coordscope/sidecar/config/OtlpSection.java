package io.coordscope.sidecar.config;

import io.coordscope.sidecar.otlp.OtlpSettings;
import java.util.Set;

/** {@code coordscope.otlp}: the OTLP/HTTP metrics receiver. */
final class OtlpSection {

  private static final Set<String> KEYS =
      Set.of("enabled", "max_request_size", "max_concurrent_requests", "max_streams");

  private OtlpSection() {}

  static OtlpSettings parse(YamlMap coordscope) throws ConfigException {
    OtlpSettings d = OtlpSettings.DEFAULTS;
    YamlMap o = coordscope.map("otlp");
    o.allowOnly(KEYS, Set.of());
    boolean enabled = o.bool("enabled", d.enabled());
    long size = d.maxRequestBytes();
    String s = o.string("max_request_size", null);
    if (s != null) {
      try {
        size = ByteSizes.parse(s.trim());
      } catch (IllegalArgumentException e) {
        throw o.error(o.node("max_request_size"), o.qualify("max_request_size") + ": " + e.getMessage());
      }
      if (size < 1024 || size > (1L << 30)) {
        throw o.error(o.node("max_request_size"), o.qualify("max_request_size") + " must be 1KB..1GB, got " + s);
      }
    }
    long concurrent = o.nonNegativeLong("max_concurrent_requests", d.maxConcurrentRequests());
    if (concurrent < 1 || concurrent > 64) {
      throw o.error(o.node("max_concurrent_requests"), o.qualify("max_concurrent_requests") + " must be 1..64");
    }
    long streams = o.nonNegativeLong("max_streams", d.maxStreams());
    if (streams < 1 || streams > 10_000_000) {
      throw o.error(o.node("max_streams"), o.qualify("max_streams") + " must be 1..10000000");
    }
    return new OtlpSettings(enabled, size, (int) concurrent, (int) streams);
  }
}
