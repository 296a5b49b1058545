package io.coordscope.agent.propagation;

import io.coordscope.agent.telemetry.UnsampledSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;

/**
 * W3C Trace Context (Level 2) {@code traceparent}/{@code tracestate}, parsed exactly as the
 * specification says. Why not the SDK's propagator: it reads only the first header line, drops a
 * whole tracestate with a duplicate key and applies the old tracestate key grammar; the W3C test
 * suite fails on those. Header lines must reach {@link #extract} joined with commas (the getter's
 * job), which is how HTTP combines repeated fields.
 */
public final class TraceContextPropagator implements TextMapPropagator {

  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final TraceContextPropagator INSTANCE = new TraceContextPropagator();

  /** Bits defined by Level 2: sampled (0x01) and random trace id (0x02); others are not propagated. */
  private static final int KNOWN_FLAGS = 0x03;
  private static final int LENGTH_V00 = 55;
  private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);
  /** {@code -00} .. {@code -03}: the propagated flags with their separator, indexed by the flags. */
  private static final String[] FLAGS_SUFFIX = {"-00", "-01", "-02", "-03"};

  private TraceContextPropagator() {}

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    SpanContext sc = Span.fromContext(context).getSpanContext();
    if (!sc.isValid()) {
      return;
    }
    setter.set(carrier, TRACEPARENT, traceparent(sc));
    String ts = W3cTraceState.serialize(sc.getTraceState());
    if (!ts.isEmpty()) {
      setter.set(carrier, TRACESTATE, ts);
    }
  }

  /**
   * The version-00 header value. A light span's context (the agent's unsampled HTTP spans) writes
   * it from its ids kept as longs. Any other is built in a buffer of its exact length: the agent is
   * compiled with string concatenation as {@code StringBuilder} calls ({@code -XDstringConcat=inline}),
   * and a concatenation's default 16-character builder grew twice here (two array copies, ~100
   * bytes per outgoing request) before its final copy.
   */
  static String traceparent(SpanContext sc) {
    String flags = FLAGS_SUFFIX[sc.getTraceFlags().asByte() & KNOWN_FLAGS];
    String light = UnsampledSpans.traceparent(sc, flags);
    if (light != null) {
      return light;
    }
    return new StringBuilder(LENGTH_V00).append("00-").append(sc.getTraceId()).append('-').append(sc.getSpanId())
        .append(flags).toString();
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (carrier == null || getter == null) {
      return base;
    }
    String traceparent = getter.get(carrier, TRACEPARENT);
    if (traceparent == null) {
      return base; // tracestate means nothing without it: not even looked up
    }
    SpanContext sc = parse(traceparent, getter.get(carrier, TRACESTATE));
    return sc == null ? base : base.with(Span.wrap(sc));
  }

  /** The remote parent from header values (lines joined with commas), or null when traceparent is invalid. */
  static SpanContext parse(String traceparent, String tracestate) {
    if (traceparent == null) {
      return null;
    }
    String v = trimOws(traceparent);
    if (v.length() < LENGTH_V00 || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
      return null;
    }
    // The version and flags are read in place: no substring for them on every request.
    if (!isLowerHex(v, 0, 2) || (v.charAt(0) == 'f' && v.charAt(1) == 'f')) {
      return null;
    }
    boolean v00 = v.charAt(0) == '0' && v.charAt(1) == '0';
    // Version 00 is exactly 55 characters; a future version may append "-..." fields we ignore.
    if (v00 ? v.length() != LENGTH_V00 : v.length() > LENGTH_V00 && v.charAt(LENGTH_V00) != '-') {
      return null;
    }
    if (!isLowerHex(v, 3, 35) || !isLowerHex(v, 36, 52) || !isLowerHex(v, 53, 55)) {
      return null;
    }
    String traceId = v.substring(3, 35);
    String spanId = v.substring(36, 52);
    if (isZeros(traceId) || isZeros(spanId)) {
      return null;
    }
    int flags = (Character.digit(v.charAt(53), 16) << 4 | Character.digit(v.charAt(54), 16)) & KNOWN_FLAGS;
    TraceState state = W3cTraceState.parse(tracestate);
    return SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.fromByte((byte) flags), state);
  }

  static String trimOws(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(b, e);
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZeros(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
