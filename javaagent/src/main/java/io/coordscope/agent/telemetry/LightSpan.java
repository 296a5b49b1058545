package io.coordscope.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.internal.AttributesMap;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sampled operation span, recorded by the agent itself instead of the OpenTelemetry SDK: the
 * template's fixed attributes are shared, the {@code @OpAttribute} values sit in a small array,
 * times are the monotonic readings the duration metric takes anyway, and ending it hands the
 * object itself to the export queue, which turns it into {@code SpanData} on its own thread
 * ({@link SpanDataView}). It is a real {@link Span} in the context, so other instrumentation
 * (HTTP clients, executors, log correlation, the SDK's CLIENT and SERVER spans) sees it as the
 * current span and a valid parent.
 *
 * <p>What the API lets others do to it (attributes, events, status, name) is kept under the SDK's
 * default span limits and rules (an OK status is final; changes after the end are ignored), under
 * this object's lock: rare paths. Links added after the start are ignored (the API's default).
 * The application thread's own start and end take no lock.
 */
final class LightSpan implements Span {

  final LightTracer tracer;
  final LightSpanContext context;
  /** The parent's context; invalid at a root. */
  final SpanContext parent;
  final SpanRecorder.Template template;
  /** {@code @OpAttribute} values, aligned with {@code template.argKeys}; null when it has none. */
  final String[] argValues;
  final long startNanos;
  /** Monotonic end reading; or the epoch end when {@link #endEpoch} (an explicit end timestamp). */
  long endNanos;
  boolean endEpoch;
  private boolean endPreset;
  volatile boolean ended;

  // Rare paths, under this object's lock; read by the export thread under it too.
  String name;
  StatusData status;
  /** Attributes set after the start, as key, value, key, value... in call order. */
  List<Object> extra;
  List<LightEvent> events;
  int totalEvents;

  LightSpan(LightTracer tracer, LightSpanContext context, SpanContext parent, SpanRecorder.Template template,
      String[] argValues, long startNanos) {
    this.tracer = tracer;
    this.context = context;
    this.parent = parent;
    this.template = template;
    this.argValues = argValues;
    this.startNanos = startNanos;
    this.name = template.name;
  }

  /** Sets the end reading the next {@link #end()} uses (the one the duration metric took). */
  void endAt(long nanos) {
    endNanos = nanos;
    endPreset = true;
  }

  /** Monotonic now: the preset end reading once set (no second clock read), else the clock. */
  private long now() {
    return endPreset ? endNanos : tracer.nanoClock.getAsLong();
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key == null || key.getKey().isEmpty() || value == null) {
      return this;
    }
    synchronized (this) {
      if (!ended) {
        if (extra == null) {
          extra = new ArrayList<>(4);
        }
        extra.add(key);
        extra.add(value);
      }
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return addEvent(new LightEvent(name, attributes, null, now(), false));
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    if (unit == null) {
      return addEvent(name, attributes);
    }
    return addEvent(new LightEvent(name, attributes, null, unit.toNanos(timestamp), true));
  }

  @Override
  public Span recordException(Throwable exception, Attributes additional) {
    if (exception == null) {
      return this;
    }
    // Computed now, on the calling thread, as the SDK does: the exception may change later.
    AttributesMap a = tracer.exceptionAttributes(exception, additional);
    return addEvent(new LightEvent(null, a, exception, now(), false));
  }

  private Span addEvent(LightEvent e) {
    if (e.name == null && e.exception == null) {
      return this;
    }
    synchronized (this) {
      if (!ended) {
        if (events == null) {
          events = new ArrayList<>(2);
        }
        if (events.size() < tracer.limits.getMaxNumberOfEvents()) {
          events.add(e);
        }
        totalEvents++;
      }
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    if (code == null) {
      return this;
    }
    synchronized (this) {
      if (!ended && (status == null || status.getStatusCode() != StatusCode.OK)) {
        status = StatusData.create(code, description);
      }
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    if (name == null) {
      return this;
    }
    synchronized (this) {
      if (!ended) {
        this.name = name;
      }
    }
    return this;
  }

  @Override
  public void end() {
    if (ended) {
      return;
    }
    if (!endPreset) {
      endNanos = tracer.nanoClock.getAsLong();
    }
    ended = true;
    tracer.ended(this);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    if (ended) {
      return;
    }
    if (unit == null) {
      end();
      return;
    }
    endNanos = timestamp == 0 ? tracer.nanoClock.getAsLong() : unit.toNanos(timestamp);
    endEpoch = timestamp != 0;
    ended = true;
    tracer.ended(this);
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public boolean isRecording() {
    return !ended;
  }

  @Override
  public String toString() {
    return "LightSpan{name=" + template.name + ", " + context + '}';
  }
}
