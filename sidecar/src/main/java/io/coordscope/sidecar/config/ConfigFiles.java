package io.coordscope.sidecar.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a configuration file whole, bounded in size, with errors in the {@code file:0:} form. */
final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * The file's UTF-8 text.
   *
   * @param what how the error names the file's role, e.g. {@code "web config"}; empty for none
   */
  static String read(Path file, int maxBytes, String what) throws ConfigException {
    String name = file.toString();
    try {
      if (Files.size(file) > maxBytes) {
        throw new ConfigException(name + ":0: file larger than " + maxBytes + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(name + ":0: cannot read" + (what.isEmpty() ? "" : " " + what) + ": " + e, e);
    }
  }
}
