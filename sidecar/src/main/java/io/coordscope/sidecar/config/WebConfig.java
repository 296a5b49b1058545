package io.coordscope.sidecar.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The web server's security settings, from a Prometheus {@code web.yml} ({@code --web.config.file}).
 *
 * @param certFile {@code tls_server_config.cert_file}: PEM certificate chain; with {@code keyFile}, serve HTTPS only
 * @param keyFile {@code tls_server_config.key_file}: PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param basicAuthUsers {@code basic_auth_users}: user name to bcrypt hash; non-empty = every request needs one
 * @param source the file, for messages
 */
public record WebConfig(Optional<Path> certFile, Optional<Path> keyFile, Map<String, String> basicAuthUsers,
    Optional<Path> source) {

  /** No web.yml: plain HTTP, no authentication (Prometheus's default too). */
  public static final WebConfig NONE = new WebConfig(Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
  }

  public boolean tls() {
    return certFile.isPresent();
  }
}
