package io.coordscope.sidecar.rules;

import java.util.List;

/** Where alerts that need sending go (the Alertmanager notifier). Must not block evaluation for long. */
@FunctionalInterface
public interface AlertSink {

  AlertSink NONE = alerts -> {};

  void send(List<OutgoingAlert> alerts);
}
