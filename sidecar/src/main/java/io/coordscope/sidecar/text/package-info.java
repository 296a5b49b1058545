/**
 * Prometheus's and Go's text rules, in one place for every part of the sidecar: regular
 * expressions with Go's RE2 syntax and linear-time matching ({@link
 * io.coordscope.sidecar.text.GoRegexp}), durations as Prometheus prints them ({@link
 * io.coordscope.sidecar.text.GoDuration}), floats as Go's {@code %v} prints them ({@link
 * io.coordscope.sidecar.text.GoFloat}) and strings as Go's {@code strconv.Quote} quotes them ({@link
 * io.coordscope.sidecar.text.GoQuote}). This package depends on nothing else in the sidecar.
 */
package io.coordscope.sidecar.text;
