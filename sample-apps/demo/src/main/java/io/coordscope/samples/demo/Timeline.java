package io.coordscope.samples.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The demo's story in time: healthy traffic, the fault at {@code DEMO_FAULT_AT}, cleared after
 * {@code DEMO_FAULT_SECONDS}, until {@code DEMO_SECONDS} or Ctrl-C; the view refreshed meanwhile.
 */
final class Timeline {

  static final String RATE = "sum by (job) (rate(coordination_operation_duration_seconds_count[30s]))";
  static final String ERRORS = "job:coordination_error_ratio:rate30s";
  static final String UP = "sum by (job) (up)";
  static final String TARGETS = "count by (job) (up)";
  private static final long TRACE_CHECK_SECONDS = 10;

  private final DemoSettings s;
  private final Services services;
  private final ProcessGroup group;
  private final SidecarClient sidecar;
  private final LiveView view;
  private final AlertTracker alerts = new AlertTracker();

  Timeline(DemoSettings s, Services services, ProcessGroup group, SidecarClient sidecar, LiveView view) {
    this.s = s;
    this.services = services;
    this.group = group;
    this.sidecar = sidecar;
    this.view = view;
  }

  /** Runs until the end of the story; 1 when a process died. */
  int run() throws InterruptedException, IOException {
    long start = System.nanoTime();
    int faultEnd = s.faultAt() + s.faultSeconds();
    boolean faultOn = false;
    boolean faultDone = false;
    int traceServices = 0;
    long nextTraceCheck = TRACE_CHECK_SECONDS;
    if (s.otlpEndpoint() != null) {
      view.event(0, "spans go to " + s.otlpEndpoint() + " (OTLP): look up service load-driver there");
      traceServices = Integer.MAX_VALUE;
    }
    while (true) {
      long t = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      if (s.seconds() > 0 && t >= s.seconds()) {
        return 0;
      }
      if (!faultOn && !faultDone && t >= s.faultAt()) {
        services.fault(s.faultTarget(), s.fault());
        faultOn = true;
        view.event(t, "fault on: " + s.faultTarget() + " " + s.fault() + " (POST /fault)");
      } else if (faultOn && t >= faultEnd) {
        services.fault(s.faultTarget(), "errors=0&latency_ms=0");
        faultOn = false;
        faultDone = true;
        view.event(t, "fault off: " + s.faultTarget());
      }
      ProcessGroup.Started dead = group.firstDead();
      if (dead != null) {
        view.event(t, dead.name() + " exited");
        return 1;
      }
      List<ServiceRow> rows;
      try {
        for (String change : alerts.update(sidecar.alerts())) {
          view.event(t, "alert " + change);
        }
        rows = rows();
      } catch (IOException | RuntimeException e) {
        rows = List.of();
        view.event(t, "sidecar not answering yet: " + e.getMessage());
      }
      if (t >= nextTraceCheck && traceServices < 3) {
        nextTraceCheck = t + TRACE_CHECK_SECONDS;
        traceServices = showTrace(t, traceServices);
      }
      String phase = !faultOn && !faultDone ? "healthy traffic; fault on " + s.faultTarget() + " at t=" + s.faultAt() + "s"
          : faultOn ? "FAULT on " + s.faultTarget() + " (" + s.fault() + ") until t=" + faultEnd + "s"
          : "fault cleared at t=" + faultEnd + "s: recovering";
      view.render(t, phase, rows, summary(alerts.active()));
      Thread.sleep(s.refreshMillis());
    }
  }

  /** {@code DemoErrorRatioHigh: 1 firing}, one entry per alert name: the view stays one screen. */
  static List<String> summary(Map<String, String> active) {
    Map<String, Map<String, Integer>> byName = new TreeMap<>();
    active.forEach((key, state) -> byName
        .computeIfAbsent(key.substring(0, key.indexOf('{')), k -> new TreeMap<>())
        .merge(state, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    byName.forEach((name, states) -> {
      StringBuilder b = new StringBuilder(name).append(':');
      states.forEach((state, n) -> b.append(' ').append(n).append(' ').append(state));
      out.add(b.toString());
    });
    return out;
  }

  private int showTrace(long t, int shownBefore) throws IOException {
    Optional<TracePaths.Trace> trace = TracePaths.widest(services.spanLogs());
    if (trace.isEmpty()) {
      return shownBefore;
    }
    int n = trace.get().spansByService().size();
    if (n > shownBefore) {
      view.event(t, "trace " + trace.get().traceId() + " services=" + String.join(",", trace.get().spansByService().keySet()));
      view.event(t, "  path: " + trace.get().path());
    }
    return Math.max(n, shownBefore);
  }

  private List<ServiceRow> rows() throws IOException {
    Map<String, Double> rate = sidecar.vectorBy("job", RATE);
    Map<String, Double> errors = sidecar.vectorBy("job", ERRORS);
    Map<String, Double> up = sidecar.vectorBy("job", UP);
    Map<String, Double> targets = sidecar.vectorBy("job", TARGETS);
    Map<String, Double> scores = sidecar.healthScores();
    List<ServiceRow> services = new ArrayList<>();
    for (String job : DemoPorts.SERVICES) {
      services.add(new ServiceRow(job, scores.getOrDefault(job, Double.NaN), rate.getOrDefault(job, Double.NaN),
          errors.getOrDefault(job, Double.NaN), up.getOrDefault(job, 0.0).intValue(),
          targets.getOrDefault(job, 0.0).intValue()));
    }
    List<ServiceRow> rows = new ArrayList<>();
    rows.add(overall(scores.getOrDefault("", Double.NaN), services));
    rows.addAll(services);
    return rows;
  }

  /** The overall line: the sidecar's overall score, the services' rates, errors and targets summed. */
  static ServiceRow overall(double score, List<ServiceRow> services) {
    double rate = 0;
    double failing = 0;
    boolean anyRate = false;
    boolean anyErrors = false;
    int up = 0;
    int targets = 0;
    for (ServiceRow r : services) {
      up += r.up();
      targets += r.targets();
      if (!Double.isNaN(r.rate())) {
        anyRate = true;
        rate += r.rate();
        if (!Double.isNaN(r.errorRatio())) {
          anyErrors = true;
          failing += r.rate() * r.errorRatio();
        }
      }
    }
    double errorRatio = anyErrors && rate > 0 ? failing / rate : Double.NaN;
    return new ServiceRow("overall", score, anyRate ? rate : Double.NaN, errorRatio, up, targets);
  }
}
