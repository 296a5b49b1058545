package io.coordscope.agent.propagation;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The propagation headers of an {@code HttpServer} request, read in one pass. Why not
 * {@code getRequestHeaders()}: on JDK 17 it copies every request header into a new read-only
 * {@code Headers} (key normalised, value list wrapped), and each {@code Headers.get} normalises its
 * key into a new string again; a request the application never asks the headers of paid for all of
 * it. Here the exchange's own header map is read in place (its package is opened to the agent at
 * start-up; without that, or on a JDK whose fields differ, the copy as before) and the values of
 * the propagator's fields are picked out in one walk over its entries, lines of a repeated header
 * joined with commas as HTTP combines them.
 */
final class ServerHeaders {

  private static final String IMPL = "sun.net.httpserver.HttpExchangeImpl";
  private static final String EXCHANGE = "sun.net.httpserver.ExchangeImpl";
  /** {@code HttpExchangeImpl.impl} and {@code ExchangeImpl.reqHdrs}; null when not readable. */
  private static volatile VarHandle impl;
  private static volatile VarHandle reqHdrs;

  /** The header names the getter answers, as given (the propagator's fields). */
  private final String[] fields;

  ServerHeaders(Collection<String> fields) {
    this.fields = fields.toArray(new String[0]);
  }

  /** Opens the JDK server's package to the agent, so that {@link #raw} can read in place. */
  static void open(Instrumentation inst) {
    try {
      Module agent = ServerHeaders.class.getModule();
      ModuleLayer.boot().findModule("jdk.httpserver").ifPresent(m -> {
        inst.redefineModule(m, Set.of(), Map.of(), Map.of("sun.net.httpserver", Set.of(agent)), Set.of(), Map.of());
        try {
          Class<?> i = Class.forName(IMPL, false, m.getClassLoader());
          Class<?> e = Class.forName(EXCHANGE, false, m.getClassLoader());
          impl = MethodHandles.privateLookupIn(i, MethodHandles.lookup()).findVarHandle(i, "impl", e);
          reqHdrs = MethodHandles.privateLookupIn(e, MethodHandles.lookup()).findVarHandle(e, "reqHdrs", Headers.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
          impl = null; // the copy, as any caller of getRequestHeaders gets
        }
      });
    } catch (RuntimeException | LinkageError e) {
      impl = null;
    }
  }

  /** The request's headers: the exchange's own (read them only), else the JDK's read-only copy. */
  static Headers raw(HttpExchange ex) {
    VarHandle i = impl;
    VarHandle h = reqHdrs;
    if (i != null && h != null && ex.getClass().getName().equals(IMPL)) {
      Object exchange = i.get(ex);
      Object headers = exchange == null ? null : h.get(exchange);
      if (headers instanceof Headers) {
        return (Headers) headers;
      }
    }
    return ex.getRequestHeaders();
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
