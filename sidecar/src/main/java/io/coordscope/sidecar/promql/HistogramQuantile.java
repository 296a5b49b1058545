package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histogram_quantile} over classic {@code le} buckets, as Prometheus 2.42's bucketQuantile:
 * buckets sorted by bound, equal bounds merged, counts forced monotonic, linear interpolation
 * inside the bucket, the highest finite bound when the rank falls in the +Inf bucket.
 */
final class HistogramQuantile {

  private HistogramQuantile() {}

  private record Bucket(double upperBound, double count) {}

  static List<Sample> eval(Evaluator ev, double q, List<Sample> in) {
    Map<Labels, List<Bucket>> bySeries = new LinkedHashMap<>();
    Map<Labels, Labels> outLabels = new LinkedHashMap<>();
    for (Sample s : in) {
      double upper;
      try {
        upper = GoMath.parseFloat(s.labels().get("le"));
      } catch (NumberFormatException e) {
        continue; // no or malformed le label: not a bucket
      }
      Labels sig = s.labels().without("le");
      bySeries.computeIfAbsent(sig, k -> new ArrayList<>()).add(new Bucket(upper, s.value()));
      outLabels.computeIfAbsent(sig, k -> k.withoutMetricName());
    }
    List<Sample> out = new ArrayList<>();
    for (Map.Entry<Labels, List<Bucket>> e : bySeries.entrySet()) {
      out.add(new Sample(outLabels.get(e.getKey()), ev.time, bucketQuantile(q, e.getValue())));
    }
    return out;
  }

  static double bucketQuantile(double q, List<Bucket> in) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> sorted = new ArrayList<>(in);
    sorted.sort((a, b) -> Double.compare(a.upperBound(), b.upperBound()));
    if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[] bounds = new double[sorted.size()];
    double[] counts = new double[sorted.size()];
    int n = 0;
    for (Bucket b : sorted) {
      if (n > 0 && bounds[n - 1] == b.upperBound()) {
        counts[n - 1] += b.count();
      } else {
        bounds[n] = b.upperBound();
        counts[n++] = b.count();
      }
    }
    double max = counts[0];
    for (int i = 1; i < n; i++) {
      if (counts[i] > max) {
        max = counts[i];
      } else if (counts[i] < max) {
        counts[i] = max;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double observations = counts[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && counts[b] < rank) {
      b++;
    }
    if (b == n - 1) {
      return bounds[n - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double bucketStart = 0;
    double bucketEnd = bounds[b];
    double count = counts[b];
    if (b > 0) {
      bucketStart = bounds[b - 1];
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
}
