package io.coordscope.agent.metrics;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;

/** One metric as the OTLP exporter marshals it; the SDK offers no public factory for this one. */
final class MeterMetricData implements MetricData {

  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final String name;
  private final String description;
  private final String unit;
  private final MetricDataType type;
  private final Data<?> data;

  MeterMetricData(
      Resource resource, InstrumentationScopeInfo scope, String name, String description, String unit,
      MetricDataType type, Data<?> data) {
    this.resource = resource;
    this.scope = scope;
    this.name = name;
    this.description = description == null ? "" : description;
    this.unit = unit;
    this.type = type;
    this.data = data;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public String getUnit() {
    return unit;
  }

  @Override
  public MetricDataType getType() {
    return type;
  }

  @Override
  public Data<?> getData() {
    return data;
  }

  @Override
  public String toString() {
    return "MeterMetricData{" + name + ", " + type + ", " + data + '}';
  }
}
