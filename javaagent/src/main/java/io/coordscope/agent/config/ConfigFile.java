package io.coordscope.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The optional properties file named by {@code coordscope.config}. */
final class ConfigFile {

  /** Files larger than this are refused: a config file is a few lines, not a data set. */
  static final long MAX_BYTES = 1 << 20;

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
      if (Files.size(p) > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        props.load(r);
      }
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

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
