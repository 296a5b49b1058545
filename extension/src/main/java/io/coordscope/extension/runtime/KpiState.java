package io.coordscope.extension.runtime;

import io.coordscope.core.KpiShape;
import io.coordscope.core.TelemetryNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/** One KPI method: its label sets, prepared once; {@code supported} false for a non-numeric return type. */
final class KpiState {

  private static final AttributeKey<String> KPI = AttributeKey.stringKey(TelemetryNames.LABEL_KPI);
  private static final AttributeKey<String> UNIT = AttributeKey.stringKey(TelemetryNames.LABEL_UNIT);

  final String description;
  final boolean supported;
  final Attributes value;
  final Attributes observations;

  KpiState(String description, KpiShape shape, String kpiLabel, String unit) {
    this.description = description;
    this.supported = shape != KpiShape.UNSUPPORTED;
    this.value = Attributes.of(KPI, kpiLabel, UNIT, unit);
    this.observations = Attributes.of(KPI, kpiLabel);
  }
}
