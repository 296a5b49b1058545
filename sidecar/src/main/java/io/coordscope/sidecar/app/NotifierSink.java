package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.AlertmanagerConfig;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.notify.AlertmanagerNotifier;
import io.coordscope.sidecar.notify.NotifierOptions;
import io.coordscope.sidecar.notify.NotifierStats;
import io.coordscope.sidecar.rules.AlertSink;
import io.coordscope.sidecar.rules.OutgoingAlert;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The rule manager's alert sink, delivering to the Alertmanagers of the current configuration.
 * A reload that changes them swaps in a new notifier; alert state is not lost, since the rule
 * manager re-sends every active alert at its next resend.
 */
final class NotifierSink implements AlertSink {

  private final Consumer<String> warn;
  private volatile AlertmanagerNotifier notifier;
  private NotifierOptions current;
  private long sentBefore;
  private long errorsBefore;
  private long droppedBefore;

  NotifierSink(Consumer<String> warn) {
    this.warn = warn;
  }

  /** Applies the {@code alerting} section (and external labels) of a configuration. */
  synchronized void apply(SidecarConfig config) {
    List<URI> urls = config.alertmanagers().stream().flatMap(a -> a.baseUrls().stream()).map(URI::create).toList();
    Duration timeout = config.alertmanagers().stream().map(AlertmanagerConfig::timeout)
        .max(Duration::compareTo).orElse(Duration.ofSeconds(10));
    NotifierOptions next = NotifierOptions.defaults(urls, config.global().externalLabels()).withTimeout(timeout);
    if (Objects.equals(next, current)) {
      return;
    }
    AlertmanagerNotifier old = notifier;
    if (old != null) {
      NotifierStats s = old.stats();
      sentBefore += s.sent();
      errorsBefore += s.errors();
      droppedBefore += s.dropped();
      old.stop();
    }
    current = next;
    if (urls.isEmpty()) {
      // Nothing to deliver to: no HTTP client, no delivery thread (a pod's sidecar often has none).
      notifier = null;
      return;
    }
    AlertmanagerNotifier n = new AlertmanagerNotifier(next, warn);
    n.start();
    notifier = n;
  }

  @Override
  public void send(List<OutgoingAlert> alerts) {
    AlertmanagerNotifier n = notifier;
    if (n != null) {
      n.send(alerts);
    }
  }

  /** Totals over every notifier this sink has used. */
  synchronized NotifierStats stats() {
    NotifierStats s = notifier == null ? new NotifierStats(0, 0, 0, 0) : notifier.stats();
    return new NotifierStats(sentBefore + s.sent(), errorsBefore + s.errors(), droppedBefore + s.dropped(),
        s.queueLength());
  }

  synchronized void stop() {
    if (notifier != null) {
      notifier.stop();
    }
  }
}
