package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sections are the one home of each key: names unique, known keys built from them, values checked. */
class SettingsSectionsTest {

  @Test
  void everyKeyIsDeclaredByExactlyOneSection() {
    List<String> names = new ArrayList<>();
    for (Key[] section :
        new Key[][] {
          GeneralSettings.KEYS, SelectionSettings.KEYS, MetricsSettings.KEYS, TracesSettings.KEYS, ResourceSettings.KEYS,
          OutcomeSettings.KEYS
        }) {
      for (Key k : section) {
        names.add(k.name());
      }
    }
    assertThat(names).doesNotHaveDuplicates();
    assertThat(ConfigKeys.known()).containsExactlyElementsOf(names);
    assertThat(ConfigKeys.MAP_VALUED).containsExactlyInAnyOrder("otlp.headers", "resource.attributes");
    assertThat(ConfigKeys.known()).startsWith("enabled", "config", "log.level").contains("propagators");
  }

  @Test
  void defaultsOfAnEmptyConfiguration() {
    AgentSettings s = AgentSettings.from(AgentConfig.fromMap(Map.of()));
    assertThat(s.general.enabled).isTrue();
    assertThat(s.general.logLevel).isEqualTo("info");
    assertThat(s.selection.operationAnnotations).isEmpty();
    assertThat(s.selection.methodsInclude).isNull();
    assertThat(s.metrics.port).isEqualTo(9464);
    assertThat(s.traces.queueSize).isEqualTo(2048);
    assertThat(s.traces.propagators).containsExactly("tracecontext", "baggage");
    assertThat(s.traces.samplerRatio).isEqualTo(1.0);
    assertThat(s.metrics.runtime).isTrue();
    assertThat(s.outcomes.rules.isEmpty()).isTrue();
  }

  @Test
  void outcomeKeysNameExceptionClassesAndABadNameIsOneMessage() {
    try (LogCapture log = new LogCapture()) {
      OutcomeSettings o = OutcomeSettings.from(AgentConfig.fromMap(Map.of(
          "outcomes.conflict", "org.hibernate.StaleObjectStateException, com.acme.Lost$Race",
          "outcomes.timeout", "java.util.concurrent.TimeoutException,not a class-sectest")));
      assertThat(o.rules.toString())
          .isEqualTo("conflict=[com.acme.Lost$Race, org.hibernate.StaleObjectStateException], "
              + "timeout=[java.util.concurrent.TimeoutException]");
      assertThat(log.lines())
          .containsExactly(
              "[coordscope] WARN invalid value 'java.util.concurrent.TimeoutException,not a class-sectest' for "
                  + "outcomes.timeout (from configuration): allowed: comma-separated exception class names, e.g. "
                  + "org.hibernate.StaleObjectStateException (not: not a class-sectest); using the valid names only");
    }
  }

  @Test
  void runtimeMetricsCanBeSwitchedOff() {
    assertThat(MetricsSettings.from(AgentConfig.fromMap(Map.of("metrics.runtime", "false"))).runtime).isFalse();
  }

  @Test
  void selectionExposesTheRawStringsTheInstrumentationParses() {
    SelectionSettings s =
        SelectionSettings.from(
            AgentConfig.fromMap(Map.of("annotations.coordination", "a.Op, b.Op", "kpi.methods.include", "a.B[c]")));
    assertThat(s.operationAnnotations).containsExactly("a.Op", "b.Op");
    assertThat(s.kpiMethodsInclude).isEqualTo("a.B[c]");
  }

  @Test
  void anUnknownPropagatorIsOneMessageAndTheWholeDefault() {
    try (LogCapture log = new LogCapture()) {
      assertThat(TracesSettings.from(AgentConfig.fromMap(Map.of("propagators", "B3, TraceContext"))).propagators)
          .containsExactly("b3", "tracecontext");
      TracesSettings t = TracesSettings.from(AgentConfig.fromMap(Map.of("propagators", "B3, tracecontext, xray-sectest")));

      assertThat(t.propagators).containsExactly("tracecontext", "baggage");
      assertThat(log.lines())
          .containsExactly(
              "[coordscope] WARN invalid value 'B3, tracecontext, xray-sectest' for propagators (from configuration): "
                  + "allowed: tracecontext, baggage, b3, b3multi, or none alone; using the default tracecontext,baggage");
    }
  }

  @Test
  void samplerArgIsARatioOnlyForRatioSamplers() {
    try (LogCapture log = new LogCapture()) {
      assertThat(TracesSettings.from(AgentConfig.fromMap(Map.of("traces.sampler", "TraceIdRatio", "traces.sampler.arg", "0.25"))))
          .satisfies(t -> assertThat(t.sampler).isEqualTo("traceidratio"))
          .satisfies(t -> assertThat(t.samplerRatio).isEqualTo(0.25));
      assertThat(TracesSettings.from(AgentConfig.fromMap(Map.of("traces.sampler", "traceidratio", "traces.sampler.arg", "2-sectest")))
          .samplerRatio).isEqualTo(1.0);
      assertThat(TracesSettings.from(AgentConfig.fromMap(Map.of("traces.sampler", "always_on", "traces.sampler.arg", "x-sectest")))
          .samplerRatio).isEqualTo(1.0);

      assertThat(log.lines())
          .containsExactly(
              "[coordscope] WARN invalid value '2-sectest' for traces.sampler.arg (from configuration): "
                  + "allowed: a ratio from 0 to 1; using 1.0");
    }
  }
}
