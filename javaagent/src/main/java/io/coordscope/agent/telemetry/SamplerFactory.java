package io.coordscope.agent.telemetry;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/** OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG, with the spec's names and defaults. */
final class SamplerFactory {

  private static final String ALLOWED =
      "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off,"
          + " parentbased_traceidratio";

  private SamplerFactory() {}

  static Sampler create(TelemetrySettings s) {
    return create(s, s.sampler, s.samplerArg);
  }

  private static Sampler create(TelemetrySettings s, String name, String arg) {
    switch (name) {
      case "always_on":
        return Sampler.alwaysOn();
      case "always_off":
        return Sampler.alwaysOff();
      case "traceidratio":
        return Sampler.traceIdRatioBased(ratio(s, arg));
      case "parentbased_always_on":
        return Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off":
        return Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio":
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(s, arg)));
      default:
        s.reportInvalid("traces.sampler", name, ALLOWED, "the default parentbased_always_on");
        return Sampler.parentBased(Sampler.alwaysOn());
    }
  }

  private static double ratio(TelemetrySettings s, String arg) {
    if (arg == null || arg.trim().isEmpty()) {
      return 1.0;
    }
    try {
      double d = Double.parseDouble(arg.trim());
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    s.reportInvalid("traces.sampler.arg", arg, "a ratio from 0 to 1", "1.0");
    return 1.0;
  }
}
