package io.coordscope.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's fixed ports, all from one base (default 18080) so a second run or a test can move
 * them together: service {@code i} listens on {@code base+i} and its agent's metrics on
 * {@code base+10+i} (load-driver 0, coordinator 1, workers 2–6, ledger 7); the sidecar on
 * {@code base+20}, Prometheus {@code base+21}, Alertmanager {@code base+22}.
 */
record DemoPorts(int base, int workers) {

  static final int DEFAULT_BASE = 18080;
  static final int MAX_WORKERS = 5;
  static final List<String> SERVICES = List.of("load-driver", "coordinator", "worker", "ledger");
  private static final Pattern LOCAL = Pattern.compile("127\\.0\\.0\\.1:(\\d{5})");

  int loadDriver() {
    return base;
  }

  int coordinator() {
    return base + 1;
  }

  /** @param n worker number, 1-based */
  int worker(int n) {
    return base + 1 + n;
  }

  int ledger() {
    return base + 7;
  }

  /** The agent's metrics port of the service that listens on {@code servicePort}. */
  int metricsOf(int servicePort) {
    return servicePort + 10;
  }

  int sidecar() {
    return base + 20;
  }

  int prometheus() {
    return base + 21;
  }

  int alertmanager() {
    return base + 22;
  }

  /** Every port the demo binds, for the check that none stays bound. */
  List<Integer> all() {
    List<Integer> ports = new ArrayList<>();
    for (int p : new int[] {loadDriver(), coordinator(), ledger()}) {
      ports.add(p);
      ports.add(metricsOf(p));
    }
    for (int n = 1; n <= workers; n++) {
      ports.add(worker(n));
      ports.add(metricsOf(worker(n)));
    }
    ports.add(sidecar());
    ports.add(prometheus());
    ports.add(alertmanager());
    return ports;
  }

  /**
   * Moves every {@code 127.0.0.1:PORT} of a shipped config (written for the default base) to this
   * base; ports outside the demo's range are left alone.
   */
  String rewrite(String text) {
    Matcher m = LOCAL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int port = Integer.parseInt(m.group(1));
      int offset = port - DEFAULT_BASE;
      int moved = offset >= 0 && offset < 30 ? base + offset : port;
      m.appendReplacement(out, "127.0.0.1:" + moved);
    }
    m.appendTail(out);
    return out.toString();
  }
}
