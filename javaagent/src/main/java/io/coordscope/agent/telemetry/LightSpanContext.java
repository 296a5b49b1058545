package io.coordscope.agent.telemetry;

import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;

/**
 * The ids of an operation span as longs; the hex strings the API returns are built on first read
 * and cached. A call nobody asks the ids of (no HTTP call out, no log line, no exemplar) does no
 * hex or {@code String} work on the application's thread; the export thread reads them later.
 *
 * <p>Never remote, always valid: ids are never zero ({@link LightTracer} draws them so).
 */
final class LightSpanContext implements SpanContext {

  final long traceHi;
  final long traceLo;
  final long spanId;
  private final TraceFlags flags;
  private final TraceState state;
  // Racy caches of immutable strings: two threads may both build one, both equal.
  private String traceHex;
  private String spanHex;

  /**
   * @param traceHex the trace id as hex when the caller already has it (a parent's), else null
   * @param flags sampled or not, with the random-trace-id bit or not
   */
  LightSpanContext(long traceHi, long traceLo, String traceHex, long spanId, TraceFlags flags, TraceState state) {
    this.traceHi = traceHi;
    this.traceLo = traceLo;
    this.traceHex = traceHex;
    this.spanId = spanId;
    this.flags = flags;
    this.state = state;
  }

  /** The trace id hex if already built, for a child to share; else null. */
  String traceHexIfBuilt() {
    return traceHex;
  }

  @Override
  public String getTraceId() {
    String h = traceHex;
    if (h == null) {
      char[] c = new char[32];
      OtelEncodingUtils.longToBase16String(traceHi, c, 0);
      OtelEncodingUtils.longToBase16String(traceLo, c, 16);
      h = new String(c);
      traceHex = h;
    }
    return h;
  }

  @Override
  public String getSpanId() {
    String h = spanHex;
    if (h == null) {
      char[] c = new char[16];
      OtelEncodingUtils.longToBase16String(spanId, c, 0);
      h = new String(c);
      spanHex = h;
    }
    return h;
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * The version-00 {@code traceparent}: {@code 00-}, trace id, {@code -}, span id, then
   * {@code flagsSuffix} ({@code -00} .. {@code -03}). The ids' hex is written from the longs
   * straight into the header's bytes: an outgoing request's unsampled span builds no id strings
   * (two char arrays, two byte arrays, two strings: 256 bytes) for the header, their only reader.
   */
  String traceparent(String flagsSuffix) {
    byte[] b = new byte[55];
    b[0] = '0';
    b[1] = '0';
    b[2] = '-';
    hex(traceHi, b, 3);
    hex(traceLo, b, 19);
    b[35] = '-';
    hex(spanId, b, 36);
    for (int i = 0; i < 3; i++) {
      b[52 + i] = (byte) flagsSuffix.charAt(i);
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static void hex(long v, byte[] b, int at) {
    for (int i = 15; i >= 0; i--) {
      b[at + i] = HEX[(int) v & 0xF];
      v >>>= 4;
    }
  }

  @Override
  public TraceFlags getTraceFlags() {
    return flags;
  }

  @Override
  public TraceState getTraceState() {
    return state;
  }

  /** Always: the ids are never zero. Overridden so that checking validity builds no hex. */
  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public boolean isSampled() {
    return flags.isSampled();
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SpanContext)) {
      return false;
    }
    SpanContext c = (SpanContext) o;
    return getTraceId().equals(c.getTraceId())
        && getSpanId().equals(c.getSpanId())
        && flags.equals(c.getTraceFlags())
        && state.equals(c.getTraceState())
        && !c.isRemote();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(traceLo) * 31 + Long.hashCode(spanId);
  }

  @Override
  public String toString() {
    return "LightSpanContext{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", flags=" + flags.asHex() + '}';
  }
}
