package io.coordscope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Prometheus endpoint, the latency histogram's extra buckets and the runtime metrics switch. */
public final class MetricsSettings {

  public static final int DEFAULT_PORT = 9464;
  public static final Key PORT = Key.of("metrics.port", DEFAULT_PORT);
  public static final Key HOST = Key.of("metrics.host", "0.0.0.0");
  public static final Key SLO = Key.optional("metrics.slo");
  /** JVM and process metrics from Micrometer's binders on the endpoint. */
  public static final Key RUNTIME = Key.of("metrics.runtime", true);
  /** An SLO threshold above an hour is a typo, not a latency target. */
  static final double MAX_SLO_SECONDS = 3600;

  static final Key[] KEYS = {PORT, HOST, SLO, RUNTIME};

  /** 0 disables the endpoint. */
  public final int port;
  public final String host;
  /** Latency SLO thresholds in seconds, always among the histogram buckets. */
  public final List<Double> slos;
  /** Serve JVM and process metrics ({@code metrics.runtime}). */
  public final boolean runtime;

  private MetricsSettings(int port, String host, List<Double> slos, boolean runtime) {
    this.port = port;
    this.host = host;
    this.slos = slos;
    this.runtime = runtime;
  }

  public static MetricsSettings from(TypedValues c) {
    List<Double> slos = new ArrayList<>();
    for (double d : c.getDoubleList(SLO.name(), List.of())) {
      if (d > 0 && d <= MAX_SLO_SECONDS) {
        slos.add(d);
      } else {
        c.reportInvalid(SLO.name(), Double.toString(d), "thresholds above 0 and up to 3600 seconds", "the others");
      }
    }
    return new MetricsSettings(
        c.getInt(PORT.name(), DEFAULT_PORT, 0, 65535),
        c.get(HOST.name(), HOST.defaultValue()).trim(),
        Collections.unmodifiableList(slos),
        c.getBoolean(RUNTIME.name(), true));
  }
}
