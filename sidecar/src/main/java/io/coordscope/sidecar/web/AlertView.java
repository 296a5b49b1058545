package io.coordscope.sidecar.web;

import java.time.Instant;
import java.util.Map;

/**
 * One alert instance as {@code /api/v1/alerts} and {@code /api/v1/rules} show it.
 *
 * @param state {@code pending} or {@code firing} ({@code inactive} only inside rules)
 * @param activeAt when the alert became pending
 */
public record AlertView(
    Map<String, String> labels, Map<String, String> annotations, String state, Instant activeAt, double value) {}
