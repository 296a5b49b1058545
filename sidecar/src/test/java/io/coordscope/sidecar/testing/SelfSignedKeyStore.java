package io.coordscope.sidecar.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/** A self-signed certificate for 127.0.0.1, made by the JDK's keytool, for TLS tests. */
public final class SelfSignedKeyStore {

  /** The key store's password, also its key's. */
  public static final String PASSWORD = "changeit";
  /** The alias of the one key and certificate. */
  public static final String ALIAS = "server";

  private SelfSignedKeyStore() {}

  /** Writes {@code server.p12} in {@code dir} and returns it loaded. */
  public static KeyStore create(Path dir) throws Exception {
    Path ks = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    return keys;
  }
}
