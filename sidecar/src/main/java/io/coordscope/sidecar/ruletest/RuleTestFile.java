package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A rule unit-test file in promtool's format, as parsed. Durations are null where the file has none. */
record RuleTestFile(List<String> ruleFiles, Duration evaluationInterval, List<String> groupEvalOrder, List<TestGroup> tests) {

  record TestGroup(String name, Duration interval, List<InputSeries> inputSeries, List<AlertTest> alertTests,
      List<PromqlTest> promqlTests, Labels externalLabels, String externalUrl) {}

  record InputSeries(String series, String values) {}

  record AlertTest(Duration evalTime, String alertname, List<ExpAlert> expAlerts) {}

  record ExpAlert(Map<String, String> labels, Map<String, String> annotations) {}

  record PromqlTest(String expr, Duration evalTime, List<ExpSample> expSamples) {}

  record ExpSample(String labels, double value) {}
}
