package io.coordscope.sidecar.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * HTTP basic authentication against {@code web.yml}'s {@code basic_auth_users} (bcrypt hashes).
 * bcrypt is slow by design (tens of milliseconds), so a successful check is remembered, as
 * Prometheus's exporter-toolkit does: by a SHA-256 of user, password and hash, in a bounded LRU of
 * {@value #CACHE} entries (the password itself is never kept). Unknown users cost one bcrypt
 * check too, so timing does not tell which user names exist.
 */
final class BasicAuth {

  static final int CACHE = 256;
  private final Map<String, String> users;
  /** A hash of a random password with a random salt, checked for unknown users. */
  private final String decoy;
  private final Set<String> verified = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > CACHE;
    }
  });

  BasicAuth(Map<String, String> users) {
    this.users = new HashMap<>(users);
    byte[] random = new byte[16];
    new java.security.SecureRandom().nextBytes(random);
    this.decoy = new String(BCrypt.withDefaults().hash(10, Base64.getEncoder().encode(random)), StandardCharsets.UTF_8);
  }

  /** True when the {@code Authorization} header carries a configured user and its password. */
  boolean allows(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String hash = users.get(user);
    String key = digest(user, password, hash == null ? decoy : hash);
    synchronized (verified) {
      if (hash != null && verified.contains(key)) {
        return true;
      }
    }
    boolean ok;
    try {
      ok = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
          (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException e) {
      ok = false; // e.g. a password longer than bcrypt's 72 bytes
    }
    if (ok && hash != null) {
      synchronized (verified) {
        verified.add(key);
      }
      return true;
    }
    return false;
  }

  private static String digest(String user, String password, String hash) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String s : new String[] {user, password, hash}) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return Base64.getEncoder().encodeToString(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
