package io.coordscope.sidecar.scrape;

/** A failed scrape: the reason for the self-metric and a message for the target's last error. */
final class ScrapeException extends Exception {

  private static final long serialVersionUID = 1L;

  private final FailureReason reason;

  ScrapeException(FailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  FailureReason reason() {
    return reason;
  }
}
