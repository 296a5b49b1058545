package io.coordscope.agent.propagation;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Set;

/** The stable HTTP semantic-convention attributes and status rules both span kinds share. */
final class HttpAttributes {

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** The methods the conventions know; any other is reported as {@code _OTHER}. */
  static final Set<String> KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "QUERY");

  private HttpAttributes() {}

  /** {@code http.request.method} (and the original when it is not a known one); returns the span-name method. */
  static String method(Span span, String method) {
    if (method != null && KNOWN_METHODS.contains(method)) {
      span.setAttribute(METHOD, method);
      return method;
    }
    span.setAttribute(METHOD, "_OTHER");
    if (method != null) {
      span.setAttribute(METHOD_ORIGINAL, method);
    }
    return "HTTP";
  }

  /** The span name for a request method: the method when the conventions know it, else {@code HTTP}. */
  static String spanName(String method) {
    return method != null && KNOWN_METHODS.contains(method) ? method : "HTTP";
  }

  /** Default port of a scheme, -1 when unknown. */
  static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
  }

  /** {@code [::1]} -> {@code ::1}: the conventions want the address without URI brackets. */
  static String host(String host) {
    return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Status code and outcome: ERROR (with {@code error.type} = the code) from 400 for a CLIENT span,
   * from 500 for a SERVER span, as the conventions say.
   */
  static void status(Span span, int code, boolean server) {
    if (code <= 0) {
      return;
    }
    span.setAttribute(STATUS, (long) code);
    if (code >= (server ? 500 : 400)) {
      span.setAttribute(ERROR_TYPE, Integer.toString(code));
      span.setStatus(StatusCode.ERROR);
    }
  }

  /** A failure with no response: ERROR, {@code error.type} = the exception class, and the exception event. */
  static void error(Span span, Throwable t) {
    span.setAttribute(ERROR_TYPE, t.getClass().getName());
    span.setStatus(StatusCode.ERROR, t.getClass().getName());
    span.recordException(t);
  }
}
