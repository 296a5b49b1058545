package io.coordscope.agent.telemetry;

import io.coordscope.core.OpAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.internal.OtelEncodingUtils;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.internal.AttributesMap;
import io.opentelemetry.sdk.common.internal.ExceptionAttributeResolver;
import io.opentelemetry.sdk.trace.SpanLimits;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Starts operation spans as {@link LightSpan}s, deciding ids, parent and sampling exactly as the
 * OpenTelemetry SDK's span builder does with its default id generator: a child takes its parent's
 * trace id (a light parent's as longs, an SDK or remote parent's parsed once from hex) and trace
 * state; a root draws a trace id from {@link ThreadLocalRandom} (lower half never zero), every span
 * a span id (never zero). A span the sampler does not sample is a non-recording span around its
 * context, as the SDK's is, so calls below it propagate its ids with the not-sampled flag.
 *
 * <p>Used when the agent records its own spans; with the OpenTelemetry agent attached, that agent
 * records them instead ({@link SpanRecorder} through its tracer).
 */
final class LightTracer {

  final LongSupplier nanoClock;
  final SpanLimits limits = SpanLimits.getDefault();
  private final LightSampler sampler;
  /** Where ended sampled spans go; null: nowhere (exporter {@code none}). */
  private final SpanExportQueue queue;
  private final ExceptionAttributeResolver exceptions = ExceptionAttributeResolver.getDefault();

  LightTracer(LightSampler sampler, SpanExportQueue queue, LongSupplier nanoClock) {
    this.sampler = sampler;
    this.queue = queue;
    this.nanoClock = nanoClock;
  }

  /**
   * A span child of {@code parentContext}, started at {@code startNanos} (a reading of
   * {@link #nanoClock}); the caller makes it current.
   */
  Span start(SpanRecorder.Template t, Object[] args, Context parentContext, long startNanos) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    LightSpanContext context = child(parent, sampler);
    if (!context.isSampled()) {
      return Span.wrap(context);
    }
    return new LightSpan(this, context, parent, t, argValues(t, args), startNanos);
  }

  /**
   * A non-recording child of {@code parentContext} with the not-sampled flag, for a span the
   * sampler is known not to sample ({@link UnsampledShortcut}): the ids as {@link #start} draws
   * them, without the SDK's span builder, its hex ids and its sampler call.
   */
  static Span unsampledChild(Context parentContext) {
    return Span.wrap(child(Span.fromContext(parentContext).getSpanContext(), null));
  }

  /** The four flag bytes: sampled or not, with or without the random-trace-id bit (W3C Level 2). */
  private static final TraceFlags UNSAMPLED = TraceFlags.getDefault();
  private static final TraceFlags SAMPLED = TraceFlags.getSampled();
  private static final TraceFlags RANDOM_UNSAMPLED = TraceFlags.builder().setRandomTraceId(true).build();
  private static final TraceFlags RANDOM_SAMPLED = TraceFlags.builder().setSampled(true).setRandomTraceId(true).build();

  /**
   * The context of a new child of {@code parent}, sampled as {@code sampler} decides (null: not
   * sampled). Its flags are the SDK's: a child keeps its parent's random-trace-id bit, a root has
   * it (its trace id is drawn at random here, as by the SDK's default id generator).
   */
  private static LightSpanContext child(SpanContext parent, LightSampler sampler) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long spanId;
    do {
      spanId = random.nextLong();
    } while (spanId == 0);
    long hi;
    long lo;
    String traceHex = null;
    if (parent instanceof LightSpanContext) {
      LightSpanContext p = (LightSpanContext) parent;
      hi = p.traceHi;
      lo = p.traceLo;
      traceHex = p.traceHexIfBuilt();
    } else if (parent.isValid()) {
      traceHex = parent.getTraceId();
      hi = OtelEncodingUtils.longFromBase16String(traceHex, 0);
      lo = OtelEncodingUtils.longFromBase16String(traceHex, 16);
    } else {
      hi = random.nextLong();
      do {
        lo = random.nextLong();
      } while (lo == 0);
    }
    boolean randomId = !parent.isValid() || parent.getTraceFlags().isTraceIdRandom();
    boolean sampled = sampler != null && sampler.sample(parent, lo);
    TraceFlags flags = sampled ? (randomId ? RANDOM_SAMPLED : SAMPLED) : (randomId ? RANDOM_UNSAMPLED : UNSAMPLED);
    return new LightSpanContext(hi, lo, traceHex, spanId, flags, parent.getTraceState());
  }

  /** The {@code @OpAttribute} values, captured now: the arguments may change after the call. */
  private static String[] argValues(SpanRecorder.Template t, Object[] args) {
    AttributeKey<String>[] keys = t.argKeys;
    if (keys == null || args == null) {
      return null;
    }
    int n = Math.min(keys.length, args.length);
    String[] v = new String[n];
    for (int i = 0; i < n; i++) {
      if (keys[i] != null) {
        v[i] = OpAttributes.capture(args[i]);
      }
    }
    return v;
  }

  /** The SDK's exception event attributes (type, message, stack trace) plus {@code additional}. */
  AttributesMap exceptionAttributes(Throwable exception, Attributes additional) {
    int maxLength = limits.getMaxAttributeValueLength();
    AttributesMap a = AttributesMap.create(limits.getMaxNumberOfAttributes(), maxLength);
    exceptions.setExceptionAttributes(a::put, exception, maxLength);
    if (additional != null) {
      additional.forEach(a::put);
    }
    return a;
  }

  void ended(LightSpan span) {
    if (queue != null) {
      queue.offer(span);
    }
  }
}
