package io.coordscope.sidecar.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plays the {@link Scenario} against an oracle and a candidate that scrape the same two targets
 * with the same rule file, and compares them at checkpoints chosen in steady phases (each at least
 * one 5 s rate window plus two scrape intervals after the last transition; see the README).
 */
final class DifferentialRun {

  /** Seconds after S, with the alerts Prometheus itself must show there (proves the scenario ran). */
  static final Map<Integer, Set<String>> CHECKPOINTS = new TreeMap<>(Map.ofEntries(
      Map.entry(8, Set.of("QueueBacklog/B=firing")),
      Map.entry(12, Set.of("QueueBacklog/B=firing")),
      Map.entry(21, Set.of("QueueBacklog/B=firing", "HighErrorRate/A=pending")),
      Map.entry(24, Set.of("QueueBacklog/B=firing", "HighErrorRate/A=pending")),
      Map.entry(31, Set.of("QueueBacklog/B=firing", "HighErrorRate/A=firing")),
      Map.entry(33, Set.of("QueueBacklog/B=firing", "HighErrorRate/A=firing")),
      Map.entry(42, Set.of("TargetDown/B=firing", "SlowRequests/job=firing")),
      Map.entry(45, Set.of("TargetDown/B=firing", "SlowRequests/job=firing")),
      Map.entry(54, Set.of("QueueBacklog/B=firing", "SlowRequests/job=firing")),
      Map.entry(57, Set.of("QueueBacklog/B=firing", "SlowRequests/job=firing")),
      Map.entry(60, Set.of("QueueBacklog/B=firing", "SlowRequests/job=firing"))));

  /** Warm-up before S, once both sides have results: at least one rate window of phase one. */
  static final long WARMUP_MILLIS = 6_000;
  /** Bound on the wait for both sides' first rule results. */
  static final long READY_TIMEOUT_MILLIS = 120_000;
  /** How long after its instant a disturbed checkpoint is tried again, and how often. */
  static final long RETRY_MILLIS = 1_500;
  static final long RETRY_STEP_MILLIS = 250;
  /**
   * HighErrorRate ({@code for: 12s}) turns firing 12 s after its first evaluation in the burst, no
   * earlier than S+14 s + one scrape + one evaluation: its pending checkpoints end before this.
   */
  static final double EARLIEST_FIRING = 26.5;
  /** Float noise only: both see points on the same lines (explicit timestamps). */
  static final double REL_TOLERANCE = 1e-9;

  static final Path RULES = Path.of("src/test/resources/e2e/differential.rules.yml");

  final Differ differ = new Differ(REL_TOLERANCE);
  final List<String> scenarioErrors = new ArrayList<>();
  final List<String> metricsErrors = new ArrayList<>();
  /** Checkpoints skipped because a side stayed disturbed, with the reasons of every attempt. */
  final List<String> skipped = new ArrayList<>();
  /** Checkpoints compared after one or more disturbed attempts, with those attempts' reasons. */
  final List<String> retried = new ArrayList<>();
  int comparedCheckpoints;
  int retries;

  /**
   * The job Prometheus adds to scrape the sidecar's own {@code /metrics} (OpenMetrics, as Prometheus
   * asks for it), keeping only {@code coordscope_alerts} so nothing collides with its own series.
   */
  static String sidecarJob(int port) {
    return """
          - job_name: sidecar
            honor_labels: true
            static_configs:
              - targets: ["127.0.0.1:%d"]
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: coordscope_alerts
                action: keep
        """.formatted(port);
  }

  /** The Prometheus-shaped config both run (the sidecar gets an extra {@code coordscope:} block). */
  static String config(ScenarioServer s, Path rules) {
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ["%s", "%s"]
        rule_files:
          - "%s"
        """.formatted(s.targetA(), s.targetB(), rules.toAbsolutePath());
  }

  /** The shared config with {@code extraJob} appended to {@code scrape_configs}. */
  static String configWith(ScenarioServer s, Path rules, String extraJob) {
    String c = config(s, rules);
    int at = c.indexOf("rule_files:");
    return c.substring(0, at) + extraJob + c.substring(at);
  }

  static List<String> recordNames() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(RULES)) {
      String t = line.trim();
      if (t.startsWith("- record: ")) {
        out.add(t.substring("- record: ".length()));
      }
    }
    return out;
  }

  /**
   * Waits until both sides have rule results, begins the scenario {@link #WARMUP_MILLIS} later and
   * compares at each checkpoint. A checkpoint where a side's inputs depend on timing (see {@link
   * InputCheck}) is tried again every {@link #RETRY_STEP_MILLIS} for up to {@link #RETRY_MILLIS},
   * never past the next transition, and skipped with its reasons if it stays disturbed. With {@code
   * scrapesCandidate}, Prometheus also scrapes the candidate's {@code /metrics}; then at every
   * checkpoint that scrape must be up and its {@code coordscope_alerts} must list the candidate's
   * alerts.
   */
  void play(Scenario scenario, ScenarioServer server, PromApi oracle, PromApi candidate, boolean scrapesCandidate)
      throws IOException, InterruptedException {
    List<String> records = recordNames();
    awaitFirstResults(oracle, candidate);
    scenario.begin(System.currentTimeMillis() + WARMUP_MILLIS);
    for (Map.Entry<Integer, Set<String>> cp : CHECKPOINTS.entrySet()) {
      String where = "S+" + cp.getKey() + "s";
      long at = scenario.startMillis() + cp.getKey() * 1000L;
      double transition = nextTransition(cp.getKey());
      long boundary = Double.isInfinite(transition) ? Long.MAX_VALUE
          : scenario.startMillis() + Math.round(transition * 1000);
      long last = Math.min(at + RETRY_MILLIS, boundary - RETRY_STEP_MILLIS);
      List<String> reasons = new ArrayList<>();
      boolean compared = false;
      for (long attempt = at; !compared && System.currentTimeMillis() <= last; attempt += RETRY_STEP_MILLIS) {
        long wait = attempt - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        Optional<String> disturbed = compare(where, cp.getValue(), server, oracle, candidate, records,
            scrapesCandidate, boundary);
        compared = disturbed.isEmpty();
        disturbed.ifPresent(reasons::add);
      }
      if (compared) {
        comparedCheckpoints++;
        retries += reasons.size();
        if (!reasons.isEmpty()) {
          retried.add(where + ": " + reasons);
        }
      } else {
        skipped.add(where + ": " + (reasons.isEmpty() ? "reached only after its last retry" : reasons));
      }
    }
    differ.compareRules("/api/v1/rules", oracle.get("/api/v1/rules").path("data").path("groups"),
        candidate.get("/api/v1/rules").path("data").path("groups"));
  }

  /**
   * One attempt at a checkpoint: compares into a scratch {@link Differ} and keeps its findings only
   * when neither side was disturbed (then a mismatch is semantic and fails the test).
   */
  private Optional<String> compare(String where, Set<String> expected, ScenarioServer server, PromApi oracle,
      PromApi candidate, List<String> records, boolean scrapesCandidate, long boundary)
      throws IOException, InterruptedException {
    long now = System.currentTimeMillis();
    Differ attempt = new Differ(REL_TOLERANCE);
    JsonNode oa = oracle.alerts();
    JsonNode ca = candidate.alerts();
    // Alerts are read as they are now; everything else is queried at the fixed instant `now`.
    long alertsRead = System.currentTimeMillis();
    if (alertsRead >= boundary) {
      return Optional.of("the harness itself was too slow: it read the alerts " + (alertsRead - now)
          + " ms after the checkpoint, past the next transition");
    }
    attempt.compareAlerts(where, oa, ca);
    for (String r : records) {
      attempt.compareVector(where + " " + r, oracle.query(r, now), candidate.query(r, now));
    }
    List<String> metrics = new ArrayList<>();
    if (scrapesCandidate) {
      checkSelfMetrics(metrics, where, oracle, candidate.address(), ca, now);
    }
    Optional<String> disturbed = InputCheck.disturbance(oracle, now, alertsRead);
    if (disturbed.isEmpty()) {
      disturbed = InputCheck.disturbance(candidate, now, alertsRead);
    }
    if (disturbed.isPresent()) {
      return disturbed;
    }
    differ.add(attempt);
    metricsErrors.addAll(metrics);
    Set<String> seen = summary(oa, server);
    if (!seen.equals(expected)) {
      scenarioErrors.add(where + ": Prometheus shows " + seen + ", the scenario expects " + expected);
    }
    return Optional.empty();
  }

  /** Seconds after S of the first transition after checkpoint {@code k} (HighErrorRate fires ~S+27 s). */
  static double nextTransition(int k) {
    double[] transitions = {Scenario.BURST_START, EARLIEST_FIRING, Scenario.B_DOWN, Scenario.B_UP};
    for (double t : transitions) {
      if (t > k) {
        return t;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Both sides scrape and evaluate: each has a rate result (a busy machine can take long to start them). */
  private static void awaitFirstResults(PromApi... sides) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    for (PromApi side : sides) {
      while (side.query("job:http_requests:rate5s", System.currentTimeMillis()).isEmpty()) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(side.name() + " has no job:http_requests:rate5s result "
              + READY_TIMEOUT_MILLIS / 1000 + " s after start: it does not scrape or evaluate the scenario");
        }
        Thread.sleep(200);
      }
    }
  }

  private void checkSelfMetrics(List<String> metricsErrors, String where, PromApi oracle, String candidateAddress, JsonNode candidateAlerts,
      long now) throws IOException, InterruptedException {
    JsonNode up = oracle.query("up{job=\"sidecar\"}", now);
    if (up.size() != 1 || !up.get(0).path("value").path(1).asText().equals("1")) {
      metricsErrors.add(where + ": Prometheus cannot scrape the sidecar's /metrics: " + up);
      return;
    }
    Set<String> scraped = new TreeSet<>();
    for (JsonNode s : oracle.query("coordscope_alerts", now)) {
      JsonNode m = s.path("metric");
      // An alert without an instance label gets the sidecar's own when Prometheus scrapes it.
      String instance = m.path("instance").asText().equals(candidateAddress) ? "" : m.path("instance").asText();
      scraped.add(m.path("alertname").asText() + "/" + instance + "=" + m.path("alertstate").asText());
    }
    Set<String> served = new TreeSet<>();
    for (JsonNode a : candidateAlerts) {
      served.add(a.path("labels").path("alertname").asText() + "/" + a.path("labels").path("instance").asText() + "="
          + a.path("state").asText());
    }
    if (!scraped.equals(served)) {
      metricsErrors.add(where + ": coordscope_alerts as Prometheus scraped it " + scraped + " vs /api/v1/alerts "
          + served);
    }
  }

  /** {@code alertname/A|B|job=state} for each active alert. */
  static Set<String> summary(JsonNode alerts, ScenarioServer s) {
    Set<String> out = new TreeSet<>();
    for (JsonNode a : alerts) {
      String inst = a.path("labels").path("instance").asText();
      String who = inst.equals(s.targetA()) ? "A" : inst.equals(s.targetB()) ? "B" : "job";
      out.add(a.path("labels").path("alertname").asText() + "/" + who + "=" + a.path("state").asText());
    }
    return out;
  }

  String figures() {
    return String.format(java.util.Locale.ROOT,
        "checkpoints=%d compared=%d skipped=%d retries=%d alert-set comparisons=%d alerts compared=%d"
            + " values compared=%d rules compared=%d max relative difference=%.3g%s",
        CHECKPOINTS.size(), comparedCheckpoints, skipped.size(), retries, differ.alertSets, differ.alerts,
        differ.values, differ.rules, differ.maxRelDiff,
        differ.maxRelDiffAt.isEmpty() ? "" : " at " + differ.maxRelDiffAt);
  }
}
