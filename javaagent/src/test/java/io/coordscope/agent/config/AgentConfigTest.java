package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentConfigTest {

  @TempDir Path dir;

  /** args, system properties, environment, file lines; key -> expected value and source. */
  static Stream<Arguments> precedence() {
    return Stream.of(
        row("metrics.port=1", "coordscope.metrics.port=2", "COORDSCOPE_METRICS_PORT=3", "metrics.port=4",
            "metrics.port", "1", "agent argument metrics.port"),
        row("", "coordscope.metrics.port=2", "COORDSCOPE_METRICS_PORT=3", "metrics.port=4",
            "metrics.port", "2", "system property coordscope.metrics.port"),
        row("", "", "COORDSCOPE_METRICS_PORT=3", "metrics.port=4",
            "metrics.port", "3", "environment variable COORDSCOPE_METRICS_PORT"),
        row("", "", "", "coordscope.metrics.port=4",
            "metrics.port", "4", "config file"),
        row("", "", "", "", "metrics.port", null, null),
        row("", "", "COORDSCOPE_KPI_METHODS_INCLUDE=a.B[c]", "",
            "kpi.methods.include", "a.B[c]", "environment variable COORDSCOPE_KPI_METHODS_INCLUDE"),
        // OpenTelemetry variables fill in only where coordscope's own key is absent.
        row("", "", "OTEL_SERVICE_NAME=otel-env", "", "service.name", "otel-env", "environment variable OTEL_SERVICE_NAME"),
        row("", "otel.service.name=otel-sys", "OTEL_SERVICE_NAME=otel-env", "",
            "service.name", "otel-sys", "system property otel.service.name"),
        row("", "otel.service.name=otel-sys", "OTEL_SERVICE_NAME=otel-env", "service.name=file",
            "service.name", "file", "config file"),
        row("", "", "COORDSCOPE_SERVICE_NAME=ours|OTEL_SERVICE_NAME=otel", "", "service.name", "ours",
            "environment variable COORDSCOPE_SERVICE_NAME"),
        row("", "", "OTEL_RESOURCE_ATTRIBUTES=a=b", "", "resource.attributes", "a=b", "environment variable OTEL_RESOURCE_ATTRIBUTES"),
        row("", "", "OTEL_EXPORTER_OTLP_ENDPOINT=http://c:4318", "", "otlp.endpoint", "http://c:4318",
            "environment variable OTEL_EXPORTER_OTLP_ENDPOINT"),
        row("", "", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://c:4318/v1/traces", "", "otlp.traces.endpoint",
            "http://c:4318/v1/traces", "environment variable OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        row("", "", "OTEL_EXPORTER_OTLP_HEADERS=k=v", "", "otlp.headers", "k=v", "environment variable OTEL_EXPORTER_OTLP_HEADERS"),
        row("", "", "OTEL_TRACES_SAMPLER=parentbased_traceidratio", "", "traces.sampler", "parentbased_traceidratio",
            "environment variable OTEL_TRACES_SAMPLER"),
        row("", "", "OTEL_TRACES_SAMPLER_ARG=0.1", "", "traces.sampler.arg", "0.1", "environment variable OTEL_TRACES_SAMPLER_ARG"),
        row("", "", "OTEL_PROPAGATORS=tracecontext", "", "propagators", "tracecontext", "environment variable OTEL_PROPAGATORS"),
        row("", "", "OTEL_TRACES_EXPORTER=none", "", "traces.exporter", "none", "environment variable OTEL_TRACES_EXPORTER"),
        row("traces.exporter=logging", "", "OTEL_TRACES_EXPORTER=none", "", "traces.exporter", "logging", "agent argument traces.exporter"),
        // OTEL_ variables for keys that are not overlaps do nothing.
        row("", "", "OTEL_METRICS_EXPORTER=otlp", "", "metrics.exporter", null, null));
  }

  private static Arguments row(String args, String sys, String env, String file, String key, String value, String source) {
    return Arguments.of(args, sys, env, file, key, value, source);
  }

  @ParameterizedTest(name = "[{index}] {4} <- args[{0}] sys[{1}] env[{2}] file[{3}]")
  @MethodSource("precedence")
  void firstLayerWins(String args, String sys, String env, String file, String key, String value, String source)
      throws IOException {
    Map<String, String> sysProps = pairs(sys);
    if (!file.isEmpty()) {
      Path f = dir.resolve("agent.properties");
      Files.writeString(f, file.replace('|', '\n'));
      sysProps.put("coordscope.config", f.toString());
    }

    AgentConfig c = AgentConfig.load(args, sysProps, pairs(env));

    assertThat(c.get(key, null)).isEqualTo(value);
    if (source == null) {
      assertThat(c.source(key)).isNull();
    } else {
      assertThat(c.source(key)).startsWith(source);
    }
  }

  @Test
  void configFileLocationComesFromTheLayersAboveIt() throws IOException {
    Path f = dir.resolve("from-env.properties");
    Files.writeString(f, "log.level=debug\n");

    AgentConfig c = AgentConfig.load("", Map.of(), Map.of("COORDSCOPE_CONFIG", f.toString()));

    assertThat(c.get("log.level", "info")).isEqualTo("debug");
  }

  @Test
  void unreadableConfigFileIsOneLineAndTheOtherLayersStillApply() {
    try (LogCapture log = new LogCapture()) {
      String missing = dir.resolve("missing-" + System.nanoTime() + ".properties").toString();

      AgentConfig c = AgentConfig.load("metrics.port=1", Map.of("coordscope.config", missing), Map.of());
      c.reportProblems();
      c.reportProblems();

      assertThat(c.get("metrics.port", null)).isEqualTo("1");
      assertThat(log.lines()).hasSize(1);
      assertThat(log.lines().get(0)).startsWith("[coordscope] WARN cannot read config file config='" + missing + "'")
          .contains("NoSuchFileException");
    }
  }

  @Test
  void unknownKeysUnderOurPrefixAreReportedOnceAndIgnored() throws IOException {
    Path f = dir.resolve("unknown.properties");
    Files.writeString(f, "metrics.prot=1\n", StandardCharsets.UTF_8);
    try (LogCapture log = new LogCapture()) {
      AgentConfig c =
          AgentConfig.load(
              "servce.name=x",
              Map.of("coordscope.enabeld", "false", "coordscope.config", f.toString(), "unrelated.prop", "1"),
              Map.of("COORDSCOPE_LOG_LEVL", "debug", "PATH", "/bin"));
      c.reportProblems();
      AgentConfig.load("servce.name=x", Map.of(), Map.of()).reportProblems();

      assertThat(c.keys()).containsExactly("config");
      assertThat(log.lines())
          .hasSize(4)
          .anySatisfy(l -> assertThat(l).contains("unknown agent argument servce.name"))
          .anySatisfy(l -> assertThat(l).contains("unknown system property coordscope.enabeld"))
          .anySatisfy(l -> assertThat(l).contains("unknown key in config file " + f + ": metrics.prot"))
          .anySatisfy(l -> assertThat(l).contains("unknown environment variable COORDSCOPE_LOG_LEVL"))
          .allSatisfy(l -> assertThat(l).contains("known keys: [enabled, config, log.level"));
    }
  }

  @Test
  void typedGettersReturnValidValues() {
    AgentConfig c =
        AgentConfig.fromMap(
            Map.of(
                "metrics.port", " 9465 ",
                "enabled", "FALSE",
                "traces.exporter", "Logging",
                "metrics.slo", "0.25, 1",
                "resource.attributes", "team=core, note=a%2Cb, plus=a+b",
                "annotations.kpi", "a.B, ,c.D"));

    assertThat(c.getInt("metrics.port", 9464, 0, 65535)).isEqualTo(9465);
    assertThat(c.getBoolean("enabled", true)).isFalse();
    assertThat(c.getEnum("traces.exporter", "otlp", "otlp", "logging", "console", "none")).isEqualTo("logging");
    assertThat(c.getDoubleList("metrics.slo", List.of())).containsExactly(0.25, 1.0);
    assertThat(c.getMap("resource.attributes")).containsExactly(Map.entry("team", "core"), Map.entry("note", "a,b"), Map.entry("plus", "a+b"));
    assertThat(c.getList("annotations.kpi")).containsExactly("a.B", "c.D");
    assertThat(c.getInt("absent", 7, 0, 10)).isEqualTo(7);
    assertThat(c.getList("absent")).isEmpty();
  }

  /** Values no other test uses: each problem is reported once per JVM, and tests share the JVM. */
  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("metrics.port", "http-cfgtest", "allowed: an integer from 0 to 65535; using the default 9464"),
        Arguments.of("metrics.port", "70123", "allowed: an integer from 0 to 65535; using the default 9464"),
        Arguments.of("enabled", "yes-cfgtest", "allowed: true or false; using the default true"),
        Arguments.of("traces.exporter", "zipkin-cfgtest", "allowed: one of otlp, logging, console, none; using the default otlp"),
        Arguments.of("metrics.slo", "0.25,fast-cfgtest", "allowed: comma-separated finite numbers, e.g. 0.25,1; using the default []"),
        Arguments.of("otlp.headers", "novalue-cfgtest", "allowed: key=value pairs separated by commas; using nothing for this pair"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void aBadValueIsReportedOnceWithKeyValueSourceAndAllowedValues(String key, String value, String expected) {
    try (LogCapture log = new LogCapture()) {
      AgentConfig c = AgentConfig.load("", Map.of("coordscope." + key, value), Map.of());
      for (int i = 0; i < 2; i++) {
        switch (key) {
          case "metrics.port" -> assertThat(c.getInt(key, 9464, 0, 65535)).isEqualTo(9464);
          case "enabled" -> assertThat(c.getBoolean(key, true)).isTrue();
          case "traces.exporter" -> assertThat(c.getEnum(key, "otlp", "otlp", "logging", "console", "none")).isEqualTo("otlp");
          case "metrics.slo" -> assertThat(c.getDoubleList(key, List.of())).isEmpty();
          default -> assertThat(c.getMap(key)).isEmpty();
        }
      }

      assertThat(log.lines())
          .containsExactly(
              "[coordscope] WARN invalid value '" + value + "' for " + key + " (from system property coordscope." + key + "): "
                  + expected);
    }
  }

  private static Map<String, String> pairs(String s) {
    Map<String, String> m = new HashMap<>();
    if (!s.isEmpty()) {
      for (String kv : s.split("\\|")) {
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }
}
