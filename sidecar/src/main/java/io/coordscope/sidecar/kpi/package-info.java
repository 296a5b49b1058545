/**
 * The KPI registry: which KPIs a team expects from its services, their thresholds and valid range,
 * and how the values scraped from targets ({@code coordination_kpi_value{kpi,unit}}) compare to it.
 */
package io.coordscope.sidecar.kpi;
