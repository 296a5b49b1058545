package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.text.GoQuote;

/** Text as promtool's Go code prints it, so that our {@code test rules} output reads the same. */
final class GoText {

  private GoText() {}

  /** Prometheus's {@code labels.Labels.String()}: {@code {__name__="up", job="x"}}, values Go-quoted. */
  static String labels(Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(l.name(i)).append('=').append(GoQuote.quote(l.value(i)));
    }
    return sb.append('}').toString();
  }

  /** Prefixes every line but the first with {@code indent}, as promtool's indentLines. */
  static String indentLines(String lines, String indent) {
    String[] parts = lines.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append(indent);
      }
      sb.append(parts[i]);
      if (i != parts.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
