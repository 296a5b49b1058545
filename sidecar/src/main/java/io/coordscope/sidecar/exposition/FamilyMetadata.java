package io.coordscope.sidecar.exposition;

/**
 * What {@code # TYPE}, {@code # HELP} and {@code # UNIT} said about one metric family. Absent
 * help or unit is the empty string; a family seen without {@code # TYPE} is {@link
 * MetricType#UNKNOWN}.
 */
public record FamilyMetadata(String name, MetricType type, String help, String unit) {}
