package io.coordscope.agent.propagation;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Set;

/**
 * {@code url.full} as the HTTP semantic conventions ask: credentials in the user info become
 * {@code REDACTED:REDACTED}, and the values of the query parameters that carry signatures
 * ({@code AWSAccessKeyId}, {@code Signature}, {@code sig}, {@code X-Goog-Signature}) become
 * {@code REDACTED}. Everything else is kept as sent.
 */
final class UrlRedaction {

  static final String REDACTED = "REDACTED";
  static final Set<String> SENSITIVE_QUERY_KEYS = Set.of("AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature");

  private UrlRedaction() {}

  /**
   * {@code url.full} of a {@link URL}. A URL with no user info, query or fragment, written only with
   * characters that need no escaping, has nothing to redact and parses as a URI unchanged: its
   * external form is the answer, without the URI parse (a handful of strings per request).
   */
  static String full(URL url) {
    if (url.getUserInfo() == null && url.getQuery() == null && url.getRef() == null) {
      String s = url.toExternalForm();
      if (plain(s)) {
        return s;
      }
    }
    try {
      return full(url.toURI());
    } catch (URISyntaxException e) {
      return url.getProtocol() + "://" + url.getHost() + url.getPath();
    }
  }

  /** Only letters, digits and {@code - . _ ~ : / @ ! $ & ' ( ) * + , ; =}: nothing a URI parse rejects or changes. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:/@!$&'()*+,;=".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  static String full(URI uri) {
    String query = uri.getRawQuery();
    String redactedQuery = query == null ? null : query(query);
    if (uri.getRawUserInfo() == null && (query == null || query.equals(redactedQuery))) {
      return uri.toString();
    }
    StringBuilder b = new StringBuilder();
    if (uri.getScheme() != null) {
      b.append(uri.getScheme()).append(':');
    }
    if (uri.getRawAuthority() != null) {
      b.append("//");
      if (uri.getRawUserInfo() != null) {
        b.append(REDACTED).append(':').append(REDACTED).append('@');
      }
      if (uri.getHost() != null) {
        b.append(uri.getHost());
        if (uri.getPort() >= 0) {
          b.append(':').append(uri.getPort());
        }
      } else {
        String auth = uri.getRawAuthority();
        b.append(auth.substring(auth.lastIndexOf('@') + 1));
      }
    }
    if (uri.getRawPath() != null) {
      b.append(uri.getRawPath());
    }
    if (redactedQuery != null) {
      b.append('?').append(redactedQuery);
    }
    if (uri.getRawFragment() != null) {
      b.append('#').append(uri.getRawFragment());
    }
    return b.toString();
  }

  /** The raw query with sensitive values replaced; the same string when there are none. */
  static String query(String raw) {
    if (raw.indexOf('=') < 0) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    boolean changed = false;
    String[] params = raw.split("&", -1);
    for (int i = 0; i < params.length; i++) {
      String param = params[i];
      if (i > 0) {
        b.append('&');
      }
      int eq = param.indexOf('=');
      if (eq > 0 && SENSITIVE_QUERY_KEYS.contains(param.substring(0, eq))) {
        b.append(param, 0, eq + 1).append(REDACTED);
        changed = true;
      } else {
        b.append(param);
      }
    }
    return changed ? b.toString() : raw;
  }
}
