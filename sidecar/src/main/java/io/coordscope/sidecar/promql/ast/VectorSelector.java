package io.coordscope.sidecar.promql.ast;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.text.GoQuote;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An instant vector selector {@code name{matchers} offset d}. {@code matchers} includes the {@code
 * __name__} matcher when a name was given; {@code name} is null when it was not.
 */
public record VectorSelector(String name, List<Matcher> matchers, long offsetMillis) implements Expr {

  public VectorSelector {
    matchers = List.copyOf(matchers);
  }

  /** Equal when the same matchers are given in any order (only {@code absent()} looks at the order, as in Prometheus). */
  @Override
  public boolean equals(Object o) {
    return o instanceof VectorSelector v && java.util.Objects.equals(name, v.name) && offsetMillis == v.offsetMillis
        && sortedMatchers().equals(v.sortedMatchers());
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, offsetMillis, sortedMatchers());
  }

  private List<String> sortedMatchers() {
    return matchers.stream().map(VectorSelector::matcherString).sorted().toList();
  }

  public VectorSelector withOffset(long offset) {
    return new VectorSelector(name, matchers, offset);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    return selectorString() + offsetString(offsetMillis);
  }

  String selectorString() {
    List<Matcher> shown =
        matchers.stream()
            .filter(m -> name == null || !(m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQ && m.value().equals(name)))
            .collect(Collectors.toList());
    String base = name == null ? "" : name;
    if (shown.isEmpty()) {
      return base;
    }
    // Sorted and comma-joined without spaces, as Prometheus prints selectors.
    return base + shown.stream().map(VectorSelector::matcherString).sorted().collect(Collectors.joining(",", "{", "}"));
  }

  private static String matcherString(Matcher m) {
    return m.name() + m.type().symbol() + GoQuote.quote(m.value());
  }

  static String offsetString(long offsetMillis) {
    if (offsetMillis == 0) {
      return "";
    }
    return offsetMillis > 0 ? " offset " + GoDuration.format(offsetMillis) : " offset -" + GoDuration.format(-offsetMillis);
  }
}
