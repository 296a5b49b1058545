package io.coordscope.agent.telemetry;

/** Everything prepared once per instrumented method id: span template and meters. */
final class OpState {
  final SpanRecorder.Template template;
  final OperationMeters.Meters meters;
  final boolean async;

  OpState(SpanRecorder.Template template, OperationMeters.Meters meters, boolean async) {
    this.template = template;
    this.meters = meters;
    this.async = async;
  }
}
