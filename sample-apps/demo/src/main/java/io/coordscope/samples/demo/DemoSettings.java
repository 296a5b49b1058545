package io.coordscope.samples.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the demo reads from the environment. Every variable is optional.
 *
 * @param seconds {@code DEMO_SECONDS}: stop by itself after this many seconds (0 = at Ctrl-C)
 * @param faultAt {@code DEMO_FAULT_AT}: seconds after the services are up to inject the fault (60)
 * @param faultSeconds {@code DEMO_FAULT_SECONDS}: how long the fault lasts (60)
 * @param fault {@code DEMO_FAULT}: the fault's query string ({@code errors=0.5&latency_ms=300})
 * @param faultTarget {@code DEMO_FAULT_TARGET}: the service that gets it ({@code worker})
 * @param ports {@code DEMO_PORT_BASE} (18080) and {@code DEMO_WORKERS} (2, 1 to 5)
 * @param rate {@code DEMO_RATE}: work items per second (8)
 * @param refreshMillis {@code DEMO_REFRESH_MS}: live-view refresh (2000)
 * @param tty {@code DEMO_TTY=1} (set by demo.sh when stdout is a terminal): redraw in place
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT}: spans go there instead of the logs
 * @param peers {@code DEMO_PEERS}: {@code auto} starts Prometheus/Alertmanager when installed, {@code off}
 * @param projectDir the checkout (the working directory demo.sh sets)
 */
record DemoSettings(
    int seconds,
    int faultAt,
    int faultSeconds,
    String fault,
    String faultTarget,
    DemoPorts ports,
    int rate,
    int refreshMillis,
    boolean tty,
    String otlpEndpoint,
    boolean peers,
    Path projectDir) {

  static DemoSettings from(Map<String, String> env, Path projectDir) {
    String peers = env.getOrDefault("DEMO_PEERS", "auto");
    if (!peers.equals("auto") && !peers.equals("off")) {
      throw new IllegalArgumentException("DEMO_PEERS=" + peers + " is not allowed: auto or off");
    }
    String target = env.getOrDefault("DEMO_FAULT_TARGET", "worker");
    if (!DemoPorts.SERVICES.contains(target)) {
      throw new IllegalArgumentException(
          "DEMO_FAULT_TARGET=" + target + " is not allowed: one of " + DemoPorts.SERVICES);
    }
    return new DemoSettings(
        intEnv(env, "DEMO_SECONDS", 0, 0, 86_400),
        intEnv(env, "DEMO_FAULT_AT", 60, 0, 86_400),
        intEnv(env, "DEMO_FAULT_SECONDS", 60, 1, 86_400),
        env.getOrDefault("DEMO_FAULT", "errors=0.5&latency_ms=300"),
        target,
        new DemoPorts(
            intEnv(env, "DEMO_PORT_BASE", DemoPorts.DEFAULT_BASE, 1024, 65_000),
            intEnv(env, "DEMO_WORKERS", 2, 1, DemoPorts.MAX_WORKERS)),
        intEnv(env, "DEMO_RATE", 8, 1, 200),
        intEnv(env, "DEMO_REFRESH_MS", 2000, 200, 60_000),
        "1".equals(env.get("DEMO_TTY")),
        blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")),
        peers.equals("auto"),
        projectDir);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static int intEnv(Map<String, String> env, String name, int dflt, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      n = min - 1;
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          name + "=" + v + " is not allowed: an integer from " + min + " to " + max);
    }
    return n;
  }
}
