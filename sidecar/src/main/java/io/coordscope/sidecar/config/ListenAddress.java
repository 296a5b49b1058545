package io.coordscope.sidecar.config;

import java.net.InetSocketAddress;

/**
 * A listen address as Prometheus writes it: {@code host:port}, {@code :port} (all interfaces) or
 * {@code [::1]:port}. Port 0 picks a free port (tests).
 */
public record ListenAddress(String host, int port) {

  /** @throws IllegalArgumentException naming the value and the expected form */
  public static ListenAddress parse(String s) {
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("listen address \"" + s + "\" must be host:port or :port");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("listen address \"" + s + "\": write IPv6 hosts as [addr]:port");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("listen address \"" + s + "\": port must be 0..65535");
    }
    return new ListenAddress(host, port);
  }

  public InetSocketAddress toSocketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
