package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code traces.exporter=logging}: one readable line per span through the agent log, e.g.
 * {@code [coordscope] INFO span 'work.claim' : <trace id> <span id> INTERNAL 12.345 ms, parent
 * <span id>, status ERROR (lease lost), attributes {code.function=claim, worker.id=w1}}. The
 * start ({@code 'name' : trace span KIND}) is the upstream logging exporter's, so tools that read
 * those lines keep working. Bounded: an attribute value is cut at {@link #MAX_VALUE_CHARS}
 * characters and a line at {@link #MAX_LINE_CHARS}.
 */
final class SpanLogExporter implements SpanExporter {

  static final int MAX_VALUE_CHARS = 256;
  static final int MAX_LINE_CHARS = 4096;

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData s : spans) {
      AgentLog.info(line(s));
    }
    return CompletableResultCode.ofSuccess();
  }

  static String line(SpanData s) {
    StringBuilder sb = new StringBuilder("span '").append(s.getName()).append("' : ").append(s.getTraceId())
        .append(' ').append(s.getSpanId()).append(' ').append(s.getKind()).append(' ')
        .append(String.format(Locale.ROOT, "%.3f ms", (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6));
    if (s.getParentSpanContext().isValid()) {
      sb.append(", parent ").append(s.getParentSpanId());
    }
    if (s.getStatus().getStatusCode() != StatusCode.UNSET) {
      sb.append(", status ").append(s.getStatus().getStatusCode());
      String d = s.getStatus().getDescription();
      if (d != null && !d.isEmpty()) {
        sb.append(" (").append(cut(d)).append(')');
      }
    }
    Map<String, String> attrs = new TreeMap<>();
    s.getAttributes().forEach((AttributeKey<?> k, Object v) -> attrs.put(k.getKey(), cut(String.valueOf(v))));
    if (!attrs.isEmpty()) {
      sb.append(", attributes ").append(attrs);
    }
    if (!s.getEvents().isEmpty()) {
      sb.append(", ").append(s.getEvents().size()).append(s.getEvents().size() == 1 ? " event" : " events");
    }
    return sb.length() > MAX_LINE_CHARS ? sb.substring(0, MAX_LINE_CHARS - 3) + "..." : sb.toString();
  }

  private static String cut(String v) {
    return v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS - 3) + "..." : v;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
