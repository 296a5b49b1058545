/**
 * The sidecar's HTTP endpoints on its own small server ({@link io.coordscope.sidecar.web.ConnectionServer}:
 * deadlines, a connection cap, a query gate, optional TLS and basic auth): {@code /metrics}, the
 * lifecycle endpoints {@code /-/*}, and the JSON API shaped like Prometheus's ({@code /api/v1/*}). The
 * endpoints read the running sidecar through {@link io.coordscope.sidecar.web.SidecarView}, so this
 * package depends on no scraping or rule-evaluation type.
 */
package io.coordscope.sidecar.web;
