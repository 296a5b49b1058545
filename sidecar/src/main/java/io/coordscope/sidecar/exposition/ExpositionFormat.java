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
   * The format a response's {@code Content-Type} selects: OpenMetrics for {@code
   * application/openmetrics-text} (any version; Prometheus asks for 1.0.0 and 0.0.1), the text
   * format for everything else, including a missing content type, as Prometheus 2.x does.
   */
  public static ExpositionFormat forContentType(String contentType) {
    if (contentType == null) {
      return TEXT_0_0_4;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/openmetrics-text") ? OPENMETRICS_1_0_0 : TEXT_0_0_4;
  }

  /** Whether the content type names the text format (or nothing), rather than falling back to it. */
  static boolean isTextFormat(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    return contentType.split(";", 2)[0].trim().equalsIgnoreCase("text/plain");
  }
}
