package io.coordscope.sidecar.exposition;

import java.util.Locale;

/** The two exposition formats the sidecar reads, and how a response's content type selects one. */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  TEXT_0_0_4("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0 ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS_1_0_0("application/openmetrics-text; version=1.0.0; charset=utf-8");

  /**
   * The {@code Accept} header Prometheus 2.x sends: OpenMetrics preferred, text format as fallback,
   * anything else last (then parsed as text, as Prometheus 2.x does).
   */
  public static final String ACCEPT_HEADER = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The canonical content type of this format. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format a response's {@code Content-Type} announces. OpenMetrics for {@code
   * application/openmetrics-text} (versions 0.0.1 and 1.0.0, the two Prometheus accepts); the text
   * format for {@code text/plain} (no version or 0.0.4) and, like Prometheus 2.x, for a missing or
   * empty content type.
   *
   * @throws ExpositionException (line 0) for any other media type or version, naming what is supported
   */
  public static ExpositionFormat forContentType(String contentType) throws ExpositionException {
    if (contentType == null || contentType.isBlank()) {
      return TEXT_0_0_4;
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    String version = "";
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("version")) {
        version = p.substring(eq + 1).trim().replace("\"", "");
      }
    }
    if (mediaType.equals("application/openmetrics-text")
        && (version.isEmpty() || version.equals("1.0.0") || version.equals("0.0.1"))) {
      return OPENMETRICS_1_0_0;
    }
    if (mediaType.equals("text/plain") && (version.isEmpty() || version.equals("0.0.4"))) {
      return TEXT_0_0_4;
    }
    throw new ExpositionException(0, "unsupported content type \"" + truncate(contentType)
        + "\"; supported: text/plain;version=0.0.4 and application/openmetrics-text;version=1.0.0");
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
