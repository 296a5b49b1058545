package io.coordscope.agent.propagation;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The propagation headers of an {@code HttpServer} request, read in one pass: each
 * {@code Headers.get} normalises its key into a new string (JDK 17), three of them per request
 * ({@code traceparent}, {@code tracestate}, {@code baggage}); here the values of the propagator's
 * fields are picked out in one walk over the entries, lines of a repeated header joined with
 * commas as HTTP combines them.
 */
final class ServerHeaders {

  /** The header names the getter answers, as given (the propagator's fields). */
  private final String[] fields;

  ServerHeaders(Collection<String> fields) {
    this.fields = fields.toArray(new String[0]);
  }

  /** The values of the fields in {@code headers}, by the fields' order; null where absent. */
  String[] read(Headers headers) {
    String[] values = new String[fields.length];
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey();
      for (int f = 0; f < fields.length; f++) {
        if (name != null && name.length() == fields[f].length() && name.equalsIgnoreCase(fields[f])) {
          values[f] = join(e.getValue(), values[f]);
        }
      }
    }
    return values;
  }

  private static String join(List<String> lines, String before) {
    if (lines == null || lines.isEmpty()) {
      return before;
    }
    String v = lines.size() == 1 ? lines.get(0) : String.join(",", lines);
    return before == null ? v : before + ',' + v;
  }

  /** Answers the fields from what {@link #read} found. */
  final TextMapGetter<String[]> getter = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String[] values) {
      List<String> present = new ArrayList<>();
      for (int f = 0; f < fields.length; f++) {
        if (values[f] != null) {
          present.add(fields[f]);
        }
      }
      return present;
    }

    @Override
    public String get(String[] values, String key) {
      if (values == null || key == null) {
        return null;
      }
      for (int f = 0; f < fields.length; f++) {
        if (key.equalsIgnoreCase(fields[f])) {
          return values[f];
        }
      }
      return null;
    }
  };
}
