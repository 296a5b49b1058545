package io.coordscope.samples.common;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The fault switch every sample service carries: a share of calls fails and every call is slowed
 * down, so the demo can show a health score falling and an alert firing. Set at start from the
 * environment ({@code FAULT_ERRORS=0.5}, {@code FAULT_LATENCY_MS=400}) and changed at run time
 * with {@code POST /fault?errors=0.5&latency_ms=400} ({@code errors=0&latency_ms=0} clears it).
 */
public final class FaultSwitch {

  /** Longest latency the switch accepts, so a typo cannot hang a service for hours. */
  public static final int MAX_LATENCY_MS = 60_000;

  private final DoubleSupplier random;
  private volatile double errors;
  private volatile int latencyMs;

  public FaultSwitch(DoubleSupplier random) {
    this.random = random;
  }

  /** A switch set from {@code FAULT_ERRORS} and {@code FAULT_LATENCY_MS} (absent = no fault). */
  public static FaultSwitch fromEnvironment(Map<String, String> env) {
    FaultSwitch s = new FaultSwitch(() -> ThreadLocalRandom.current().nextDouble());
    s.set(env.getOrDefault("FAULT_ERRORS", "0"), env.getOrDefault("FAULT_LATENCY_MS", "0"));
    return s;
  }

  /**
   * Sets the fault. Null keeps the current value.
   *
   * @throws IllegalArgumentException naming the parameter and what is allowed
   */
  public void set(String errorRatio, String latencyMillis) {
    double e = errors;
    int l = latencyMs;
    if (errorRatio != null) {
      e = parse("errors", errorRatio, 1);
    }
    if (latencyMillis != null) {
      l = (int) parse("latency_ms", latencyMillis, MAX_LATENCY_MS);
    }
    errors = e;
    latencyMs = l;
  }

  private static double parse(String name, String value, double max) {
    double v;
    try {
      v = Double.parseDouble(value.trim());
    } catch (NumberFormatException ex) {
      v = Double.NaN;
    }
    if (!(v >= 0 && v <= max)) {
      throw new IllegalArgumentException(
          name + "=" + value + " is not allowed: a number from 0 to " + (long) max);
    }
    return v;
  }

  /** Waits the injected latency, then fails with the injected probability. */
  public void apply(String where) {
    int l = latencyMs;
    if (l > 0) {
      try {
        Thread.sleep(l);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double e = errors;
    if (e > 0 && random.getAsDouble() < e) {
      throw new InjectedFaultException(where);
    }
  }

  public double errors() {
    return errors;
  }

  public int latencyMs() {
    return latencyMs;
  }

  /** The switch as JSON, as the {@code /fault} endpoints answer. */
  public String toJson() {
    return String.format(Locale.ROOT, "{\"errors\":%s,\"latency_ms\":%d}", errors, latencyMs);
  }

  /** The failure the switch injects; its simple name becomes the {@code error_type} label. */
  public static final class InjectedFaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InjectedFaultException(String where) {
      super("injected fault in " + where);
    }
  }
}
