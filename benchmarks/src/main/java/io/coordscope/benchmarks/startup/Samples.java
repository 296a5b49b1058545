package io.coordscope.benchmarks.startup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values of one measure over the runs of one case; negative values (not measured) are left out. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  void add(double v) {
    if (v >= 0) {
      values.add(v);
    }
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int size() {
    return values.size();
  }

  double median() {
    List<Double> s = sorted();
    int n = s.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  double min() {
    return values.isEmpty() ? Double.NaN : Collections.min(values);
  }

  double max() {
    return values.isEmpty() ? Double.NaN : Collections.max(values);
  }

  private List<Double> sorted() {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s;
  }
}
