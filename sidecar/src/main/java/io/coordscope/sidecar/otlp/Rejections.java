package io.coordscope.sidecar.otlp;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts a request's accepted and rejected points, with up to {@value #MAX_REASONS} distinct reasons. */
final class Rejections {

  static final String SERIES_LIMIT = "the sidecar's series limit (coordscope.storage.max_series) is reached";
  private static final int MAX_REASONS = 5;

  private final Map<String, Long> reasons = new LinkedHashMap<>();
  private long accepted;
  private long rejected;
  private long seriesLimit;

  void accept() {
    accepted++;
  }

  void reject(String reason) {
    rejected++;
    if (reason.equals(SERIES_LIMIT)) {
      seriesLimit++;
    }
    if (reasons.containsKey(reason) || reasons.size() < MAX_REASONS) {
      reasons.merge(reason, 1L, Long::sum);
    }
  }

  ExportResult result() {
    StringBuilder sb = new StringBuilder();
    reasons.forEach((reason, n) -> {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(n).append(n == 1 ? " data point: " : " data points: ").append(reason);
    });
    return new ExportResult(accepted, rejected, sb.toString(), rejected > 0 && accepted == 0 && seriesLimit == rejected);
  }
}
