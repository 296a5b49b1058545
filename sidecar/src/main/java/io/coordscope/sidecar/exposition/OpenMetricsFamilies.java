package io.coordscope.sidecar.exposition;

import java.util.List;
import java.util.Map;

/** Which sample names an OpenMetrics family of each type may expose. */
final class OpenMetricsFamilies {

  private static final Map<MetricType, List<String>> SUFFIXES = Map.of(
      MetricType.COUNTER, List.of("_total", "_created"),
      MetricType.GAUGE, List.of(""),
      MetricType.HISTOGRAM, List.of("_bucket", "_count", "_sum", "_created"),
      MetricType.GAUGEHISTOGRAM, List.of("_bucket", "_gcount", "_gsum"),
      MetricType.SUMMARY, List.of("", "_count", "_sum", "_created"),
      MetricType.INFO, List.of("_info"),
      MetricType.STATESET, List.of(""),
      MetricType.UNKNOWN, List.of(""));

  private OpenMetricsFamilies() {}

  /** The suffix of {@code sampleName} if it is a valid sample of family {@code family}, else null. */
  static String suffixIn(String family, MetricType type, String sampleName) {
    if (!sampleName.startsWith(family)) {
      return null;
    }
    String suffix = sampleName.substring(family.length());
    return SUFFIXES.get(type).contains(suffix) ? suffix : null;
  }
}
