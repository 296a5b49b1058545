package io.coordscope.benchmarks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JVM configuration the HTTP benchmarks run under: no agent, the coordscope agent, or the
 * upstream OpenTelemetry agent, each with every span sampled (the default samplers: a request with
 * no caller context starts a sampled trace) or with the sampler off (spans are not recorded, the
 * headers still carry the context). Both agents create spans and export none, so no collector is
 * needed and no export thread competes for the cores.
 */
final class HttpCase {

  final String name;
  final List<String> jvmArgs;
  /** Null when runnable; else why not (a jar is missing). */
  final String missing;

  private HttpCase(String name, List<String> jvmArgs, String missing) {
    this.name = name;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.missing = missing;
  }

  /**
   * Every case, the baseline first.
   *
   * @param baseJar another build of the coordscope agent (say, before a change) to run beside
   *     {@code coordscopeJar} in the same rounds, as the cases {@code coordscope base} and
   *     {@code coordscope base, sampler off}; null for none
   */
  static List<HttpCase> all(Path coordscopeJar, Path otelJar, Path baseJar) {
    List<String> otel = List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none");
    List<HttpCase> out = new ArrayList<>(coordscope(coordscopeJar, baseJar));
    out.add(agent("OpenTelemetry", otelJar, otel, "-Dotel.traces.sampler=parentbased_always_on"));
    out.add(agent("OpenTelemetry, sampler off", otelJar, otel, "-Dotel.traces.sampler=always_off"));
    return out;
  }

  /** The baseline and the coordscope cases of {@link #all}, without the OpenTelemetry agent's. */
  static List<HttpCase> coordscope(Path coordscopeJar, Path baseJar) {
    List<String> ours = List.of("-Dcoordscope.metrics.port=0", "-Dcoordscope.traces.exporter=none",
        "-Dcoordscope.log.level=warn");
    List<HttpCase> out = new ArrayList<>();
    out.add(new HttpCase("no agent", List.of(), null));
    out.add(agent("coordscope", coordscopeJar, ours, "-Dcoordscope.traces.sampler=parentbased_always_on"));
    out.add(agent("coordscope, sampler off", coordscopeJar, ours, "-Dcoordscope.traces.sampler=always_off"));
    if (baseJar != null) {
      out.add(agent("coordscope base", baseJar, ours, "-Dcoordscope.traces.sampler=parentbased_always_on"));
      out.add(agent("coordscope base, sampler off", baseJar, ours, "-Dcoordscope.traces.sampler=always_off"));
    }
    return out;
  }

  private static HttpCase agent(String name, Path jar, List<String> settings, String sampler) {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + jar.toAbsolutePath());
    args.addAll(settings);
    args.add(sampler);
    return new HttpCase(name, args, Files.isRegularFile(jar) ? null : "no agent jar " + jar.toAbsolutePath());
  }
}
