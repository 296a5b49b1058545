package io.coordscope.sidecar.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from the PEM files {@code web.yml} names, as Prometheus reads them:
 * a certificate chain, and a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519)
 * or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Encrypted keys are refused with a message.
 */
final class TlsContexts {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
  private static final int MAX_PEM_BYTES = 1 << 20;

  private TlsContexts() {}

  /** @throws IOException naming the file and what is wrong with it */
  static SSLContext server(Path certFile, Path keyFile) throws IOException {
    Collection<? extends Certificate> chain;
    try {
      chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(read(certFile).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cert_file " + certFile + ": not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("cert_file " + certFile + ": no certificate in it");
    }
    PrivateKey key = key(keyFile);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = new char[0];
      ks.setKeyEntry("server", key, pw, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("key_file " + keyFile + " does not fit cert_file " + certFile + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey key(Path file) throws IOException {
    Matcher m = PEM.matcher(read(file));
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (type) {
        case "PRIVATE KEY" -> {
          for (String alg : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
              return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
              // try the next algorithm
            }
          }
          throw new IOException("key_file " + file + ": unsupported PKCS#8 key algorithm");
        }
        case "RSA PRIVATE KEY" -> {
          try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
          } catch (GeneralSecurityException e) {
            throw new IOException("key_file " + file + ": bad RSA key: " + e.getMessage(), e);
          }
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new IOException("key_file " + file
            + ": encrypted keys are not supported (as in Prometheus); decrypt it with openssl pkcs8");
        case "EC PRIVATE KEY" -> throw new IOException("key_file " + file
            + ": SEC1 EC keys are not supported; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8");
        default -> {
          // e.g. EC PARAMETERS before the key: skip
        }
      }
    }
    throw new IOException("key_file " + file + ": no PEM private key in it");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
        0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octet = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algId, 0, body, version.length, algId.length);
    System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }

  private static String read(Path file) throws IOException {
    if (Files.size(file) > MAX_PEM_BYTES) {
      throw new IOException(file + ": larger than " + MAX_PEM_BYTES + " bytes, not a PEM file");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }
}
