/**
 * {@code sidecar.yml}: a Prometheus-shaped configuration file (the parts the sidecar shares with
 * Prometheus) plus the sidecar's own settings under {@code coordscope:}. Parsed strictly: every
 * error names the file and line, and keys the sidecar does not support are rejected by name.
 */
package io.coordscope.sidecar.config;
