package io.coordscope.sidecar.otlp;

/**
 * What became of one request's data points.
 *
 * @param accepted data points stored (a histogram point is one point, however many series it has)
 * @param rejected data points refused; the request still succeeds (a partial success)
 * @param message why points were refused, the first reasons with their counts; empty when none
 * @param storeFull every refused point was refused by the series limit and none was stored: the
 *     sidecar is full, which the receiver answers with {@code 429} so that the client retries later
 */
record ExportResult(long accepted, long rejected, String message, boolean storeFull) {}
