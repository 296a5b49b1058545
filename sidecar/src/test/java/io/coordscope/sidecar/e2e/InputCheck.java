package io.coordscope.sidecar.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Decides, from the raw samples one side stored, whether its rule results at a checkpoint are a
 * function of the scenario alone. They are when the side evaluated recently, every scrape in the
 * last rate window succeeded, and each counter's samples in that window reach both ends of it as
 * Prometheus's extrapolation requires (first and last sample less than 1.1 average intervals from
 * the window's edges): then {@code rate}/{@code increase} of the scenario's straight lines is their
 * exact slope, whatever instants the side scraped at. On a busy machine a starved side misses or
 * delays scrapes and evaluations; its values then differ for a reason that is not semantic, and
 * the checkpoint is retried. The check reads only what the side stored, so it cannot hide a wrong
 * computation on correct inputs.
 */
final class InputCheck {

  /** The rate window of every rule in the differential rule file. */
  static final long WINDOW_MILLIS = 5_000;
  /** A side whose last rule evaluation is older than this (1 s interval) is stalled. */
  static final long MAX_EVAL_AGE_MILLIS = 2_000;
  /** Prometheus extrapolates to a window edge closer than 1.1 average intervals; keep clear of it. */
  static final double EDGE_LIMIT = 1.1 * 0.97;

  private InputCheck() {}

  /**
   * Why {@code side}'s results at {@code nowMillis} may depend on timing, or empty when they are a
   * function of the scenario alone. {@code doneMillis} is when the checkpoint read the alerts as
   * they were then: scrape health is checked up to then.
   */
  static Optional<String> disturbance(PromApi side, long nowMillis, long doneMillis)
      throws IOException, InterruptedException {
    // The last evaluation: the newest sample of a recording rule that always has a value.
    long evalAt = Long.MIN_VALUE;
    for (JsonNode s : side.query("job:up:sum[5s]", nowMillis)) {
      for (JsonNode v : s.path("values")) {
        evalAt = Math.max(evalAt, millis(v));
      }
    }
    if (nowMillis - evalAt > MAX_EVAL_AGE_MILLIS) {
      return Optional.of(side.name() + " last evaluated its rules "
          + (evalAt == Long.MIN_VALUE ? "more than 5 s" : (nowMillis - evalAt) + " ms") + " before the checkpoint");
    }
    // A failed scrape (a timeout on a starved machine) makes up flap and marks the target's series stale.
    long span = doneMillis - evalAt + WINDOW_MILLIS;
    for (JsonNode s : side.query("up[" + (span + 999) / 1000 + "s]", doneMillis)) {
      JsonNode values = s.path("values");
      for (JsonNode v : values) {
        if (!v.path(1).asText().equals(values.get(0).path(1).asText())) {
          return Optional.of(side.name() + ": a scrape of " + s.path("metric").path("instance").asText()
              + " failed or recovered within the checkpoint's window: " + values);
        }
      }
    }
    // All series of a target carry the same timestamps (one scrape, one exposition time): one counter shows them.
    for (JsonNode s : side.query("http_requests_total{code=\"200\"}[" + WINDOW_MILLIS / 1000 + "s]", evalAt)) {
      Optional<String> gap = edgeGap(s.path("values"), evalAt);
      if (gap.isPresent()) {
        return Optional.of(side.name() + ": samples of " + s.path("metric").path("instance").asText()
            + " in the rate window ending at its evaluation " + gap.get());
      }
    }
    return Optional.empty();
  }

  /** Why Prometheus would not extrapolate these samples to both edges of the window ending at {@code end}. */
  static Optional<String> edgeGap(JsonNode values, long end) {
    int n = values.size();
    if (n < 2) {
      return Optional.of("are " + n + " (a rate needs 2): " + values);
    }
    double first = millis(values.get(0));
    double last = millis(values.get(n - 1));
    double average = (last - first) / (n - 1);
    double toStart = first - (end - WINDOW_MILLIS);
    double toEnd = end - last;
    if (toStart >= EDGE_LIMIT * average || toEnd >= EDGE_LIMIT * average) {
      return Optional.of("leave " + (long) toStart + " ms / " + (long) toEnd + " ms to the window's edges at an"
          + " average interval of " + (long) average + " ms: " + values);
    }
    return Optional.empty();
  }

  /** The timestamp of a {@code [t, "v"]} pair of a matrix result, t in seconds with millisecond digits. */
  static long millis(JsonNode pair) {
    return Math.round(pair.path(0).asDouble() * 1000);
  }
}
