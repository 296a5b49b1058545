package io.coordscope.sidecar.rules;

import io.coordscope.sidecar.model.Labels;

/**
 * An alert as handed to the Alertmanager notifier, shaped like API v2's postable alert.
 *
 * @param startsAtMillis when the alert fired
 * @param endsAtMillis the resolve time for a resolved alert; otherwise a time after which
 *     Alertmanager should consider it resolved unless it is re-sent
 */
public record OutgoingAlert(Labels labels, Labels annotations, long startsAtMillis, long endsAtMillis, String generatorUrl) {}
