package io.coordscope.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The optional properties file named by {@code coordscope.config}.
 *
 * <p>It is read in premain, before the application's {@code main}: whatever it names must never
 * delay start-up. Only a regular file of at most {@link #MAX_BYTES} is read; a symbolic link is
 * followed (Kubernetes config maps are links) and its target checked. A pipe, {@code /dev/stdin},
 * a device such as {@code /dev/zero} or a directory is refused without being opened (opening a
 * FIFO alone blocks until a writer comes), and the read stops after {@link #MAX_BYTES} bytes even
 * if the file grew since it was checked.
 */
final class ConfigFile {

  /** Files larger than this are refused: a config file is a few lines, not a data set. */
  static final int MAX_BYTES = 1 << 20;

  static final String LIMIT = "only a regular file of at most 1 MiB is read";

  private ConfigFile() {}

  /**
   * Reads {@code path} as a properties file (keys with or without the {@code coordscope.} prefix).
   * An unreadable file adds one line to {@code problems} (once-key -> message) and yields no values: the other layers still apply.
   */
  static Map<String, String> read(String path, Map<String, String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (path == null || path.trim().isEmpty()) {
      return out;
    }
    try {
      Path p = Paths.get(path.trim());
      // stat(2) of what open(2) would open: links are followed (/dev/stdin is one), never opened.
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        throw new Refused("not a regular file but " + kind(a) + "; " + LIMIT);
      }
      if (a.size() > MAX_BYTES) {
        throw new Refused(a.size() + " bytes; " + LIMIT);
      }
      Properties props = new Properties();
      props.load(new StringReader(utf8(readBounded(p))));
      for (String name : props.stringPropertyNames()) {
        String key = name.startsWith(ConfigKeys.PREFIX) ? name.substring(ConfigKeys.PREFIX.length()) : name;
        out.put(key, props.getProperty(name).trim());
      }
    } catch (IOException | RuntimeException e) {
      problems.put(
          "config-file:" + path,
          "cannot read config file " + ConfigKeys.CONFIG_FILE + "='" + path + "' (" + describe(e)
              + "): ignoring it, using agent arguments, system properties, environment and defaults");
    }
    return out;
  }

  /** At most {@link #MAX_BYTES}: a file that grew past the bound since it was checked is refused. */
  private static byte[] readBounded(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[8192];
      int n = 0;
      for (int r; (r = in.read(buf, n, buf.length - n)) > 0; ) {
        n += r;
        if (n > MAX_BYTES) {
          throw new Refused("more than " + MAX_BYTES + " bytes; " + LIMIT);
        }
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BYTES + 1));
        }
      }
      return Arrays.copyOf(buf, n);
    }
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static String kind(BasicFileAttributes a) {
    return a.isDirectory() ? "a directory" : "a pipe, device or socket";
  }

  private static String describe(Exception e) {
    if (e instanceof Refused) {
      return e.getMessage();
    }
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  /** A file the agent will not read; its message is the whole reason. */
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
