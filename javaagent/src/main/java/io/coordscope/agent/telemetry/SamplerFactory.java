package io.coordscope.agent.telemetry;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/** OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, with the spec's names; already checked by the traces settings. */
final class SamplerFactory {

  private SamplerFactory() {}

  static Sampler create(TelemetrySettings s) {
    switch (s.sampler) {
      case "always_on":
        return Sampler.alwaysOn();
      case "always_off":
        return Sampler.alwaysOff();
      case "traceidratio":
        return Sampler.traceIdRatioBased(s.samplerRatio);
      case "parentbased_always_off":
        return Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio":
        return Sampler.parentBased(Sampler.traceIdRatioBased(s.samplerRatio));
      default:
        return Sampler.parentBased(Sampler.alwaysOn());
    }
  }
}
