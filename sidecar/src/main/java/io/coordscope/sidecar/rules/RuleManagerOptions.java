package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;
import java.time.Duration;

/**
 * Settings of rule evaluation; the defaults are Prometheus's.
 *
 * @param evaluationInterval the global {@code evaluation_interval} (default 1m), used by groups without their own
 * @param resendDelay minimum time between re-sends of an unchanged alert ({@code --rules.alert.resend-delay}, 1m)
 * @param forGracePeriod {@code --rules.alert.for-grace-period} (10m): least time left to fire after a restore
 * @param outageTolerance {@code --rules.alert.for-outage-tolerance} (1h): longest downtime after which `for` state is restored
 * @param externalLabels {@code global.external_labels}, for templates ({@code $externalLabels})
 * @param externalUrl base of alerts' generatorURL and {@code $externalURL}
 * @param restoreForState whether groups loaded at start-up restore `for` state (and write no
 *     {@code ALERTS} series until they did), as Prometheus; {@code test rules} turns it off as promtool does
 */
public record RuleManagerOptions(
    Duration evaluationInterval,
    Duration resendDelay,
    Duration forGracePeriod,
    Duration outageTolerance,
    Labels externalLabels,
    String externalUrl,
    boolean restoreForState) {

  public static RuleManagerOptions defaults() {
    return new RuleManagerOptions(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10),
        Duration.ofHours(1), Labels.EMPTY, "http://localhost:9465", true);
  }

  public RuleManagerOptions withEvaluationInterval(Duration d) {
    return new RuleManagerOptions(d, resendDelay, forGracePeriod, outageTolerance, externalLabels, externalUrl, restoreForState);
  }

  public RuleManagerOptions withResendDelay(Duration d) {
    return new RuleManagerOptions(evaluationInterval, d, forGracePeriod, outageTolerance, externalLabels, externalUrl, restoreForState);
  }

  public RuleManagerOptions withExternal(Labels labels, String url) {
    return new RuleManagerOptions(evaluationInterval, resendDelay, forGracePeriod, outageTolerance, labels, url, restoreForState);
  }

  public RuleManagerOptions withForGracePeriod(Duration d) {
    return new RuleManagerOptions(evaluationInterval, resendDelay, d, outageTolerance, externalLabels, externalUrl, restoreForState);
  }

  public RuleManagerOptions withoutForStateRestore() {
    return new RuleManagerOptions(evaluationInterval, resendDelay, forGracePeriod, outageTolerance, externalLabels, externalUrl, false);
  }
}
