package io.coordscope.sidecar.web;

import java.time.Duration;

/**
 * Bounds of the sidecar's HTTP server: what a slow, half-open or flooding client can hold.
 *
 * @param maxConnections connections served at once (one thread each); beyond it a new connection
 *     gets {@code 503} with {@code Retry-After} and is closed (default 256)
 * @param readTimeout time a request may take from its first byte (TLS handshake, request line,
 *     headers and body); a request not complete by then is dropped (default 5 s)
 * @param idleTimeout time a kept-alive connection may wait for its next request (default 60 s)
 * @param writeTimeout time a response may take to be written to a client that reads slowly (default 30 s)
 * @param queryConcurrency queries evaluated at once ({@code --query.max-concurrency}, default half the CPUs, 1 to 4)
 * @param queryQueue queries waiting for a slot; beyond it {@code 503} at once (default 64)
 * @param queryQueueWait longest wait in the queue before {@code 503} (default 10 s)
 * @param maxHeaderBytes request line plus headers; larger heads get {@code 431} (default 16 KiB). It also
 *     bounds each size line and the trailer section of a chunked body (larger: {@code 400})
 */
public record ServerLimits(int maxConnections, Duration readTimeout, Duration idleTimeout, Duration writeTimeout,
    int queryConcurrency, int queryQueue, Duration queryQueueWait, int maxHeaderBytes) {

  /**
   * Half the processors, 1 to 4: ad-hoc queries must leave CPU for scraping, rule evaluation and
   * health checks (measured: on 2 cores, 4 busy queries delayed {@code /-/healthy} by seconds).
   */
  public static final int DEFAULT_QUERY_CONCURRENCY =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
  public static final ServerLimits DEFAULTS = new ServerLimits(256, Duration.ofSeconds(5), Duration.ofSeconds(60),
      Duration.ofSeconds(30), DEFAULT_QUERY_CONCURRENCY, 64, Duration.ofSeconds(10), 16 * 1024);

  public ServerLimits {
    if (maxConnections < 1 || queryConcurrency < 1 || queryQueue < 0 || maxHeaderBytes < 256) {
      throw new IllegalArgumentException("server limits out of range: connections " + maxConnections
          + ", query concurrency " + queryConcurrency + ", query queue " + queryQueue + ", header bytes " + maxHeaderBytes);
    }
    for (Duration d : new Duration[] {readTimeout, idleTimeout, writeTimeout, queryQueueWait}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("server timeouts must be positive, got " + d);
      }
    }
  }

  /** The same limits with another query concurrency. */
  public ServerLimits withQueryConcurrency(int n) {
    return new ServerLimits(maxConnections, readTimeout, idleTimeout, writeTimeout, n, queryQueue, queryQueueWait,
        maxHeaderBytes);
  }

  /** The same limits with other read and idle timeouts (tests use short ones). */
  public ServerLimits withTimeouts(Duration read, Duration idle, Duration write) {
    return new ServerLimits(maxConnections, read, idle, write, queryConcurrency, queryQueue, queryQueueWait,
        maxHeaderBytes);
  }

  /** The same limits with another connection cap. */
  public ServerLimits withMaxConnections(int n) {
    return new ServerLimits(n, readTimeout, idleTimeout, writeTimeout, queryConcurrency, queryQueue, queryQueueWait,
        maxHeaderBytes);
  }
}
