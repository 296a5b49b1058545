package io.coordscope.sidecar.scrape;

import java.util.Locale;

/** Why a scrape failed, the {@code reason} label of the failure self-metric. */
public enum FailureReason {
  /** Connection refused, reset, DNS, TLS: the target could not be reached. */
  CONNECTION,
  /** The target answered with a status other than 200. */
  HTTP_STATUS,
  /** No complete response within {@code scrape_timeout}. */
  TIMEOUT,
  /** The (uncompressed) body exceeded {@code body_size_limit}. */
  BODY_SIZE_LIMIT,
  /** The body is not valid text format / OpenMetrics (or bad gzip). */
  PARSE,
  /** More samples than {@code sample_limit}; the scrape fails whole. */
  SAMPLE_LIMIT,
  /** The storage refused the samples for a reason other than its series limit. */
  STORAGE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
