package io.coordscope.sidecar.kpi;

/**
 * One KPI value a target reports ({@code coordination_kpi_value{kpi,unit}}), with what the
 * registry says about it.
 *
 * @param state {@code ok}, {@code warning}, {@code critical}, {@code out_of_range} (flagged, not
 *     scored) or {@code unregistered} (not in the registry, not scored)
 * @param score 0..1 when the value is scored, NaN otherwise
 */
public record KpiReading(
    String service, String job, String instance, String kpi, String unit, double value, String state, double score) {

  public boolean scored() {
    return !Double.isNaN(score);
  }
}
