package io.coordscope.sidecar.exposition;

import java.util.List;
import java.util.stream.Collectors;

/** One line per sample in a canonical form, so tests can compare whole parse results at once. */
final class Rendered {

  private Rendered() {}

  static List<String> of(ParseResult r) {
    return r.samples().stream().map(Rendered::of).collect(Collectors.toList());
  }

  static String of(Sample s) {
    StringBuilder sb = new StringBuilder(s.labels().toString()).append(' ').append(s.value());
    s.timestampMillis().ifPresent(t -> sb.append(" @").append(t));
    s.exemplar().ifPresent(e -> {
      sb.append(" # ").append(e.labels()).append(' ').append(e.value());
      e.timestampMillis().ifPresent(t -> sb.append(" @").append(t));
    });
    return sb.toString();
  }
}
