/**
 * The health score: 0–100 per service and overall from explainable components (errors and latency
 * as SLO burn rates, throughput against its own baseline, KPIs against the registry, liveness),
 * their weighted mean, caps so one failure is not averaged away, and bands.
 */
package io.coordscope.sidecar.health;
