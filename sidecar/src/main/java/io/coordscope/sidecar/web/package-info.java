/**
 * The sidecar's HTTP endpoints on the JDK's built-in server: {@code /metrics}, the lifecycle
 * endpoints {@code /-/*}, and the JSON API shaped like Prometheus's ({@code /api/v1/*}). The
 * endpoints read the running sidecar through {@link io.coordscope.sidecar.web.SidecarView}, so this
 * package depends on no scraping or rule-evaluation type.
 */
package io.coordscope.sidecar.web;
