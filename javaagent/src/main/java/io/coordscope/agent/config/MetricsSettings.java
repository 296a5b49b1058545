package io.coordscope.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The Prometheus endpoint and the latency histogram's extra buckets. */
public final class MetricsSettings {

  public static final int DEFAULT_PORT = 9464;
  public static final Key PORT = Key.of("metrics.port", DEFAULT_PORT);
  public static final Key HOST = Key.of("metrics.host", "0.0.0.0");
  public static final Key SLO = Key.optional("metrics.slo");
  /** An SLO threshold above an hour is a typo, not a latency target. */
  static final double MAX_SLO_SECONDS = 3600;

  static final Key[] KEYS = {PORT, HOST, SLO};

  /** 0 disables the endpoint. */
  public final int port;
  public final String host;
  /** Latency SLO thresholds in seconds, always among the histogram buckets. */
  public final List<Double> slos;

  private MetricsSettings(int port, String host, List<Double> slos) {
    this.port = port;
    this.host = host;
    this.slos = slos;
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
        Collections.unmodifiableList(slos));
  }
}
