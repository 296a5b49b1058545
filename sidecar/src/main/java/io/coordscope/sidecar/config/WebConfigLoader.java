package io.coordscope.sidecar.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a Prometheus {@code web.yml}. Supported: {@code tls_server_config.cert_file} and {@code
 * key_file}, {@code basic_auth_users} (bcrypt hashes). Every other key Prometheus knows (client
 * certificates, TLS versions, cipher suites, {@code http_server_config}) is rejected by name, never
 * ignored: a security setting that silently does nothing is worse than an error.
 */
public final class WebConfigLoader {

  private static final int MAX_FILE_BYTES = 1 << 20;
  private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users");
  private static final Set<String> TOP_PROMETHEUS = Set.of("http_server_config");
  private static final Set<String> TLS = Set.of("cert_file", "key_file");
  private static final Set<String> TLS_PROMETHEUS = Set.of("cert", "key", "client_auth_type", "client_ca_file",
      "client_ca", "client_allowed_sans", "min_version", "max_version", "cipher_suites",
      "prefer_server_cipher_suites", "curve_preferences");
  /** $2a$, $2b$ or $2y$, a two-digit cost, 53 characters of bcrypt's base64. */
  private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

  private WebConfigLoader() {}

  public static WebConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String content = ConfigFiles.read(file, MAX_FILE_BYTES, "web config");
    return parse(name, file.toAbsolutePath().getParent(), content, Optional.of(file));
  }

  /** Parses web.yml text; relative file paths resolve against {@code dir}, as Prometheus does. */
  public static WebConfig parse(String name, Path dir, String content, Optional<Path> source) throws ConfigException {
    YamlMap root = YamlMap.of(name, "", ConfigLoader.compose(name, content));
    root.allowOnly(TOP, TOP_PROMETHEUS);
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    if (root.has("tls_server_config")) {
      YamlMap tls = root.map("tls_server_config");
      tls.allowOnly(TLS, TLS_PROMETHEUS);
      String c = tls.string("cert_file", "");
      String k = tls.string("key_file", "");
      if (c.isEmpty() || k.isEmpty()) {
        throw tls.error(tls.self(), "tls_server_config needs both cert_file and key_file");
      }
      cert = Optional.of(dir.resolve(c).normalize());
      key = Optional.of(dir.resolve(k).normalize());
      for (Path p : new Path[] {cert.get(), key.get()}) {
        if (!Files.isReadable(p)) {
          throw tls.error(tls.keyNode(p == cert.get() ? "cert_file" : "key_file"), "cannot read " + p);
        }
      }
    }
    Map<String, String> users = new LinkedHashMap<>();
    YamlMap auth = root.map("basic_auth_users");
    for (String user : auth.keys()) {
      String hash = auth.string(user, "");
      if (user.isEmpty() || user.contains(":")) {
        throw auth.error(auth.keyNode(user), "basic_auth_users: user name \"" + user + "\" is empty or contains ':'");
      }
      if (!BCRYPT.matcher(hash).matches()) {
        // Never echo the value: it may be a plain-text password pasted by mistake.
        throw auth.error(auth.node(user), "basic_auth_users." + user
            + ": not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters; e.g. from htpasswd -nbBC 10 USER PASSWORD)");
      }
      users.put(user, hash);
    }
    return new WebConfig(cert, key, users, source);
  }
}
