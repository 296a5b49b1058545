package io.coordscope.benchmarks.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One way of starting the JVM: no agent, ours, the OpenTelemetry agent, or that agent with our extension. */
enum AgentCase {
  NONE("none", "no agent"),
  COORDSCOPE("coordscope", "coordscope agent"),
  /** Another build of our agent ({@code --base-agent}), to compare two builds in the same run. */
  BASELINE("base", "coordscope agent, baseline jar"),
  OTEL("otel", "OpenTelemetry agent"),
  OTEL_EXTENSION("otel+ext", "OpenTelemetry agent + coordscope extension");

  final String id;
  final String label;

  AgentCase(String id, String label) {
    this.id = id;
    this.label = label;
  }

  static AgentCase byId(String id) {
    for (AgentCase c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown case '" + id + "'; allowed: none, coordscope, base, otel, otel+ext");
  }

  /** The jars this case needs that are missing, empty when it can run. */
  List<Path> missingJars(BenchOptions o) {
    List<Path> need = new ArrayList<>();
    if (this == COORDSCOPE) {
      need.add(o.coordscopeAgent);
    } else if (this == BASELINE) {
      need.add(o.baseAgent == null ? java.nio.file.Paths.get("(--base-agent not given)") : o.baseAgent);
    } else if (this == OTEL) {
      need.add(o.otelAgent);
    } else if (this == OTEL_EXTENSION) {
      need.add(o.otelAgent);
      need.add(o.extension);
    }
    need.removeIf(Files::isRegularFile);
    return need;
  }

  /**
   * The JVM options that attach this case's agent. Every agent exports no spans (the issue's
   * set-up: no collector is running); ours serves its metrics endpoint on {@code metricsPort}.
   */
  List<String> jvmArgs(BenchOptions o, int metricsPort) {
    List<String> a = new ArrayList<>();
    switch (this) {
      case COORDSCOPE:
        a.add("-javaagent:" + o.coordscopeAgent + "=metrics.port=" + metricsPort + ",metrics.host=127.0.0.1");
        break;
      case BASELINE:
        a.add("-javaagent:" + o.baseAgent + "=metrics.port=" + metricsPort + ",metrics.host=127.0.0.1");
        break;
      case OTEL:
        a.add("-javaagent:" + o.otelAgent);
        break;
      case OTEL_EXTENSION:
        a.add("-javaagent:" + o.otelAgent);
        a.add("-Dotel.javaagent.extensions=" + o.extension);
        break;
      default:
        break;
    }
    return a;
  }
}
