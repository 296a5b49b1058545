package io.coordscope.agent.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the agent's meters leave it by OTLP push and by the Micrometer bridge: the coordination
 * meters ({@code coordination.*}) and the agent's self-metrics ({@code coordscope.agent.*}), as
 * served on the endpoint. The JVM and process metrics stay on the endpoint (the application or its
 * collector has its own). Both ways read the meters through Micrometer's Meter API only, when they
 * are collected: no per-call cost, and the bound on label values is the agent's own
 * (docs/metrics.md, "Bounds"): one exported series per served series.
 */
final class ExportedMeters {

  static final String[] PREFIXES = {"coordination.", "coordscope.agent."};

  private ExportedMeters() {}

  static boolean exported(Meter m) {
    String name = m.getId().getName();
    for (String p : PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** The exported meters of {@code r} now. */
  static List<Meter> of(MeterRegistry r) {
    List<Meter> out = new ArrayList<>();
    for (Meter m : r.getMeters()) {
      if (exported(m)) {
        out.add(m);
      }
    }
    return out;
  }
}
