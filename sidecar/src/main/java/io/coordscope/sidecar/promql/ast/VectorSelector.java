package io.coordscope.sidecar.promql.ast;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
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
    return base + shown.stream().map(VectorSelector::matcherString).collect(Collectors.joining(", ", "{", "}"));
  }

  private static String matcherString(Matcher m) {
    return m.name() + m.type().symbol() + StringLiteral.quote(m.value());
  }

  static String offsetString(long offsetMillis) {
    if (offsetMillis == 0) {
      return "";
    }
    return offsetMillis > 0 ? " offset " + Durations.format(offsetMillis) : " offset -" + Durations.format(-offsetMillis);
  }
}
