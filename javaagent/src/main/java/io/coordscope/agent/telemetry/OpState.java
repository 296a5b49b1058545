package io.coordscope.agent.telemetry;

import io.coordscope.core.OutcomeRules;

/** Everything prepared once per instrumented method id: span template, meters, outcome rules, sampling shortcut. */
final class OpState {
  final SpanRecorder.Template template;
  final OperationMeters.Meters meters;
  final boolean async;
  /** The method's annotation rules over the configured ones: which failures are not errors. */
  final OutcomeRules outcomes;
  final UnsampledShortcut sampling;

  OpState(SpanRecorder.Template template, OperationMeters.Meters meters, boolean async, OutcomeRules outcomes,
      UnsampledShortcut sampling) {
    this.template = template;
    this.meters = meters;
    this.async = async;
    this.outcomes = outcomes;
    this.sampling = sampling;
  }
}
