package io.coordscope.sidecar.app;

import io.coordscope.sidecar.rules.ActiveAlert;
import io.coordscope.sidecar.rules.AlertState;
import io.coordscope.sidecar.scrape.TargetHealth;
import io.coordscope.sidecar.scrape.TargetStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per state change of a target (up/down) or an alert (pending, firing, resolved),
 * with what an operator needs to act: the target's URL and error, the alert's labels and summary.
 * Called after each health evaluation; remembers only the current targets and alerts.
 */
final class StateChangeLog {

  private static final Logger LOG = Logger.getLogger("io.coordscope.sidecar.state");

  private final Map<String, TargetHealth> targets = new HashMap<>();
  private final Map<String, AlertState> alerts = new HashMap<>();

  synchronized void observe(List<TargetStatus> ts, List<ActiveAlert> as) {
    Map<String, TargetHealth> seenT = new HashMap<>();
    for (TargetStatus t : ts) {
      String key = t.job() + "/" + t.scrapeUrl();
      seenT.put(key, t.health());
      TargetHealth was = targets.get(key);
      if (t.health() == TargetHealth.UNKNOWN || t.health() == was) {
        continue;
      }
      if (t.health() == TargetHealth.UP) {
        LOG.info("target up: job=" + t.job() + " instance=" + t.instance() + " url=" + t.scrapeUrl()
            + (was == TargetHealth.DOWN ? " (recovered)" : ""));
      } else {
        LOG.warning("target down: job=" + t.job() + " instance=" + t.instance() + " url=" + t.scrapeUrl()
            + " error: " + t.lastError());
      }
    }
    targets.clear();
    targets.putAll(seenT);
    Map<String, AlertState> seenA = new HashMap<>();
    for (ActiveAlert a : as) {
      String key = a.groupKey() + "/" + a.ruleName() + a.labels();
      AlertState was = alerts.getOrDefault(key, AlertState.INACTIVE);
      seenA.put(key, a.state());
      if (a.state() == was) {
        continue;
      }
      String what = a.ruleName() + " " + a.labels() + summary(a);
      switch (a.state()) {
        case FIRING -> LOG.warning("alert firing: " + what);
        case PENDING -> LOG.info("alert pending: " + what);
        case INACTIVE -> LOG.info("alert resolved: " + what);
        default -> LOG.log(Level.FINE, "alert " + a.state() + ": " + what);
      }
    }
    alerts.clear();
    alerts.putAll(seenA);
  }

  private static String summary(ActiveAlert a) {
    String s = a.annotations().get("summary");
    return s.isEmpty() ? "" : " summary: " + s;
  }
}
