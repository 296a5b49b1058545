package io.coordscope.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.internal.AttributeUtil;
import io.opentelemetry.sdk.common.internal.AttributesMap;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exported form of an ended {@link LightSpan}, built on the export thread: attributes in the
 * order the SDK's span builder and span would have received them (the template's fixed ones, the
 * {@code @OpAttribute} values, then any set later) under the SDK's default limits, events with
 * their times made epoch by one {@link SpanClock} anchor, and the span's resource and scope.
 */
final class SpanDataView implements SpanData {

  private final String name;
  private final SpanContext context;
  private final SpanContext parent;
  private final StatusData status;
  private final long start;
  private final long end;
  private final Attributes attributes;
  private final int totalAttributes;
  private final List<EventData> events;
  private final int totalEvents;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  SpanDataView(LightSpan s, SpanClock clock, Resource resource, InstrumentationScopeInfo scope) {
    SpanLimits limits = s.tracer.limits;
    this.context = s.context;
    this.parent = s.parent;
    this.resource = resource;
    this.scope = scope;
    this.start = clock.toEpochNanos(s.startNanos);
    this.end = s.endEpoch ? s.endNanos : clock.toEpochNanos(s.endNanos);
    AttributesMap a = AttributesMap.create(limits.getMaxNumberOfAttributes(), limits.getMaxAttributeValueLength());
    s.template.fixed.forEach(a::put);
    String[] values = s.argValues;
    if (values != null) {
      AttributeKey<String>[] keys = s.template.argKeys;
      for (int i = 0; i < values.length; i++) {
        if (keys[i] != null) {
          a.put(keys[i], values[i]);
        }
      }
    }
    List<EventData> ev = Collections.emptyList();
    synchronized (s) {
      this.name = s.name;
      this.status = s.status == null ? StatusData.unset() : s.status;
      List<Object> extra = s.extra;
      if (extra != null) {
        for (int i = 0; i < extra.size(); i += 2) {
          a.put((AttributeKey<?>) extra.get(i), extra.get(i + 1));
        }
      }
      this.totalEvents = s.totalEvents;
      if (s.events != null) {
        ev = new ArrayList<>(s.events.size());
        for (LightEvent e : s.events) {
          ev.add(event(e, clock, limits));
        }
        ev = Collections.unmodifiableList(ev);
      }
    }
    this.events = ev;
    this.totalAttributes = a.getTotalAddedValues();
    // Never changed after this, so exported as is: the SDK exports an ended span's map the same way.
    this.attributes = a;
  }

  private static EventData event(LightEvent e, SpanClock clock, SpanLimits limits) {
    long at = e.epoch ? e.time : clock.toEpochNanos(e.time);
    if (e.exception != null) {
      // The attributes are the SDK's own map, limits applied as they were put.
      return ExceptionEventData.create(at, e.exception, e.attributes, ((AttributesMap) e.attributes).getTotalAddedValues());
    }
    return EventData.create(
        at,
        e.name,
        AttributeUtil.applyAttributesLimit(
            e.attributes, limits.getMaxNumberOfAttributesPerEvent(), limits.getMaxAttributeValueLength()),
        e.attributes.size());
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return SpanKind.INTERNAL;
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return start;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return Collections.emptyList();
  }

  @Override
  public long getEndEpochNanos() {
    return end;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return totalEvents;
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributes;
  }

  @Override
  @Deprecated
  public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return io.opentelemetry.sdk.common.InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public String toString() {
    return "SpanDataView{name=" + name + ", " + context + ", parent=" + parent.getSpanId() + '}';
  }
}
