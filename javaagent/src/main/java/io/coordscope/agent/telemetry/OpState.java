package io.coordscope.agent.telemetry;

/** Everything prepared once per instrumented method id: span template, meters, sampling shortcut. */
final class OpState {
  final SpanRecorder.Template template;
  final OperationMeters.Meters meters;
  final boolean async;
  final UnsampledShortcut sampling;

  OpState(SpanRecorder.Template template, OperationMeters.Meters meters, boolean async, UnsampledShortcut sampling) {
    this.template = template;
    this.meters = meters;
    this.async = async;
    this.sampling = sampling;
  }
}
