package io.coordscope.benchmarks.percall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent configuration of the forked JVMs: its {@code -javaagent} and settings, and which
 * benchmark methods it runs. Both agents get the same span export: {@code none} (the default:
 * spans are created, sampled and ended, nothing is sent), or their batch processor over OTLP/HTTP
 * to a do-nothing receiver on loopback, whose export thread then competes for the cores.
 */
final class AgentSetup {

  final String name;
  final List<String> jvmArgs;
  /** JMH include patterns (regular expressions on the benchmark's full name). */
  final List<String> includes;
  /** Null when runnable; else why not (a jar is missing). */
  final String missing;

  private AgentSetup(String name, List<String> jvmArgs, List<String> includes, String missing) {
    this.name = name;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.includes = List.copyOf(includes);
    this.missing = missing;
  }

  /** Where the agent jars are; system properties with defaults relative to the repository. */
  static final class Jars {
    final Path coordscope;
    final Path otel;
    final Path extension;

    Jars(Path coordscope, Path otel, Path extension) {
      this.coordscope = coordscope;
      this.otel = otel;
      this.extension = extension;
    }
  }

  /** Every configuration, in the order the table shows them. */
  /**
   * @param otlpTracesUrl where spans go, or null: exporter {@code none} for both agents (spans are
   *     still created, sampled and ended; nothing is serialised or sent)
   */
  static List<AgentSetup> all(Jars jars, String otlpTracesUrl, int otelMetricsPort) {
    String single = PerCallBenchmark.class.getName() + ".";
    String contended = PerCallContendedBenchmark.class.getName() + ".";
    List<String> coordscope = new ArrayList<>(List.of("-Dcoordscope.metrics.port=0", "-Dcoordscope.log.level=warn"));
    List<String> otel = new ArrayList<>(List.of(
        "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none"));
    if (otlpTracesUrl == null) {
      coordscope.add("-Dcoordscope.traces.exporter=none");
      otel.add("-Dotel.traces.exporter=none");
    } else {
      coordscope.add("-Dcoordscope.traces.exporter=otlp");
      coordscope.add("-Dcoordscope.otlp.traces.endpoint=" + otlpTracesUrl);
      otel.add("-Dotel.traces.exporter=otlp");
      otel.add("-Dotel.exporter.otlp.protocol=http/protobuf");
      otel.add("-Dotel.exporter.otlp.traces.endpoint=" + otlpTracesUrl);
    }
    List<AgentSetup> out = new ArrayList<>();
    out.add(new AgentSetup("none", List.of(),
        List.of(single + "(plain|operation|kpi|withSpan|twoClockReads)$", contended + "(plain|operation|kpi)$",
            SpanFloorBenchmark.class.getName() + ".sdkSpan$"), null));
    out.add(agent("coordscope-unsampled", jars.coordscope, null,
        concat(coordscope, "-Dcoordscope.traces.sampler=always_off"),
        List.of(single + "(plain|operation|kpi)$", contended + "(operation|kpi)$")));
    out.add(agent("coordscope-sampled", jars.coordscope, null,
        concat(coordscope, "-Dcoordscope.traces.sampler=always_on"),
        List.of(single + "operation$", contended + "operation$")));
    out.add(agent("otel-sampled", jars.otel, null,
        concat(otel, "-Dotel.traces.sampler=always_on"), List.of(single + "(plain|withSpan)$")));
    out.add(agent("otel-unsampled", jars.otel, null,
        concat(otel, "-Dotel.traces.sampler=always_off"), List.of(single + "withSpan$")));
    // The extension's meters go through the OpenTelemetry metrics SDK: a reader must exist or the
    // instruments are no-ops, so the Prometheus reader is on (an ephemeral port nobody scrapes).
    List<String> ext = new ArrayList<>(concat(otel, "-Dotel.traces.sampler=always_on"));
    ext.remove("-Dotel.metrics.exporter=none");
    ext.add("-Dotel.metrics.exporter=prometheus");
    ext.add("-Dotel.exporter.prometheus.host=127.0.0.1");
    ext.add("-Dotel.exporter.prometheus.port=" + otelMetricsPort);
    ext.add("-Dotel.javaagent.extensions=" + jars.extension);
    out.add(agent("otel+extension", jars.otel, jars.extension, ext, List.of(single + "(operation|kpi)$")));
    return out;
  }

  private static AgentSetup agent(String name, Path agent, Path extension, List<String> settings, List<String> includes) {
    String missing = null;
    if (!Files.isRegularFile(agent)) {
      missing = "no agent jar " + agent;
    } else if (extension != null && !Files.isRegularFile(extension)) {
      missing = "no extension jar " + extension;
    }
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + agent.toAbsolutePath());
    args.addAll(settings);
    return new AgentSetup(name, args, includes, missing);
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> l = new ArrayList<>(a);
    l.add(b);
    return l;
  }
}
