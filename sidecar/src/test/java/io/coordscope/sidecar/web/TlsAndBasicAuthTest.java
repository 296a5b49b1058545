package io.coordscope.sidecar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.config.WebConfigLoader;
import io.coordscope.sidecar.testing.SelfSignedKeyStore;
import io.coordscope.testsupport.Peers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --web.config.file} as Prometheus's {@code web.yml}: HTTPS from PEM files generated here
 * (keytool, then the JDK writes the PEMs), bcrypt basic auth on every endpoint, unknown keys
 * rejected by name. Real TLS sockets throughout.
 */
class TlsAndBasicAuthTest {

  @TempDir Path dir;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  WebServer web;
  KeyStore keyStore;

  @AfterEach
  void stop() {
    if (web != null) {
      web.close();
    }
  }

  /** A self-signed certificate for 127.0.0.1 by keytool; cert.pem and key.pem (PKCS#8) written from it. */
  void certificate() throws Exception {
    keyStore = SelfSignedKeyStore.create(dir);
    Certificate cert = keyStore.getCertificate(SelfSignedKeyStore.ALIAS);
    byte[] key = keyStore.getKey(SelfSignedKeyStore.ALIAS, SelfSignedKeyStore.PASSWORD.toCharArray()).getEncoded();
    Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  HttpClient trustingClient() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", keyStore.getCertificate(SelfSignedKeyStore.ALIAS));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }

  void start(String webYml) throws Exception {
    Path f = dir.resolve("web.yml");
    Files.writeString(f, webYml);
    web = WebServer.start(ListenAddress.parse("127.0.0.1:0"), new StubView(), registry, false, Clock.systemUTC(),
        ServerLimits.DEFAULTS, WebConfigLoader.load(f));
  }

  static HttpResponse<String> get(HttpClient c, String url, Optional<String> userPassword) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    userPassword.ifPresent(up -> b.header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(up.getBytes(StandardCharsets.UTF_8))));
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String hash(String password) {
    return new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(4, password.toCharArray()), StandardCharsets.UTF_8);
  }

  @Test
  void httpsWithBasicAuthOnEveryEndpoint() throws Exception {
    certificate();
    start("""
        tls_server_config:
          cert_file: cert.pem
          key_file: key.pem
        basic_auth_users:
          alice: %s
        """.formatted(hash("s3cret")));
    HttpClient c = trustingClient();
    String base = "https://127.0.0.1:" + web.port();
    for (String path : new String[] {"/-/healthy", "/metrics", "/api/v1/status", "/api/v1/query?query=up", "/-/reload"}) {
      HttpResponse<String> none = get(c, base + path, Optional.empty());
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic");
      assertThat(get(c, base + path, Optional.of("alice:wrong")).statusCode()).as(path).isEqualTo(401);
      assertThat(get(c, base + path, Optional.of("mallory:s3cret")).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(get(c, base + "/-/healthy", Optional.of("alice:s3cret")).statusCode()).isEqualTo(200);
    assertThat(get(c, base + "/metrics", Optional.of("alice:s3cret")).body()).contains("coordscope_http_connections");
    // Admin endpoints stay off without --web.enable-lifecycle, authenticated or not.
    HttpResponse<String> reload = c.send(HttpRequest.newBuilder(URI.create(base + "/-/reload"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reload.statusCode()).isEqualTo(403);
    // Plain HTTP to the TLS port gets no HTTP answer.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), web.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer;
      try {
        answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        answer = "";
      }
      assertThat(answer).doesNotContain("200");
    }
  }

  @Test
  void aHalfOpenTlsClientCannotHoldTheHandshake() throws Exception {
    certificate();
    start("""
        tls_server_config: {cert_file: cert.pem, key_file: key.pem}
        """);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), web.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(0x16); // the first byte of a ClientHello, then nothing
      long t0 = System.nanoTime();
      try {
        assertThat(s.getInputStream().read()).isLessThanOrEqualTo(0x16);
        while (s.getInputStream().read() >= 0) {
          // an alert may come first
        }
      } catch (IOException e) {
        // reset: closed
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("[hardening] half-open TLS handshake dropped after " + ms + " ms");
      assertThat(ms).isLessThan(15_000);
    }
    assertThat(get(trustingClient(), "https://127.0.0.1:" + web.port() + "/-/healthy", Optional.empty()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void webYmlRejectsWhatItDoesNotImplementByName() throws Exception {
    Files.writeString(dir.resolve("w1.yml"), "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n");
    assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("w1.yml"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("w1.yml:4: client_auth_type is not supported by coordscope-sidecar in tls_server_config");
    Files.writeString(dir.resolve("w2.yml"), "basic_auth_user:\n  alice: x\n");
    assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("w2.yml")))
        .hasMessageContaining("w2.yml:1: unknown key \"basic_auth_user\"");
    Files.writeString(dir.resolve("w3.yml"), "basic_auth_users:\n  alice: plaintext-password\n");
    assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("w3.yml")))
        .hasMessageContaining("w3.yml:2: basic_auth_users.alice: not a bcrypt hash")
        .message().doesNotContain("plaintext-password");
    Files.writeString(dir.resolve("w4.yml"), "http_server_config:\n  http2: false\n");
    assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("w4.yml")))
        .hasMessageContaining("http_server_config is not supported by coordscope-sidecar");
    Files.writeString(dir.resolve("w5.yml"), "tls_server_config:\n  cert_file: missing.pem\n  key_file: missing.key\n");
    assertThatThrownBy(() -> WebConfigLoader.load(dir.resolve("w5.yml"))).hasMessageContaining("cannot read");
  }

  @Test
  void pkcs1RsaKeysFromOpensslAreAccepted() throws Exception {
    Peers.require("openssl", Peers.onPath("openssl").isPresent(), "not on PATH; apt-get install openssl");
    Path key = dir.resolve("rsa.key");
    Path cert = dir.resolve("rsa.crt");
    // OpenSSL 3 writes PKCS#8 unless told otherwise; genrsa -traditional gives "BEGIN RSA PRIVATE KEY".
    openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
    openssl("req", "-x509", "-new", "-key", key.toString(), "-out", cert.toString(), "-days", "2",
        "-subj", "/CN=127.0.0.1");
    assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(TlsContexts.server(cert, key)).isNotNull();
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", cmd, out).isZero();
  }
}
