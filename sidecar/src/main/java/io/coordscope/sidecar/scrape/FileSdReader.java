package io.coordscope.sidecar.scrape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coordscope.sidecar.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads one Prometheus {@code file_sd} file: a JSON or YAML list of {@code {targets: [...], labels:
 * {...}}}. Strict like Prometheus: unknown keys, non-string values and invalid label names are
 * errors. Files over 4 MiB are refused.
 */
final class FileSdReader {

  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileSdReader() {}

  static List<TargetGroup> read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    Object root;
    try {
      if (name.endsWith(".json")) {
        root = text.isBlank() ? List.of() : JSON.readValue(text, Object.class);
      } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        root = new Yaml(new SafeConstructor(options)).load(text);
        root = root == null ? List.of() : root;
      } else {
        throw new IOException(file + ": file_sd files must end in .json, .yml or .yaml");
      }
    } catch (JsonProcessingException e) {
      throw new IOException(file + ":" + (e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":") + " "
          + firstLine(e.getOriginalMessage()));
    } catch (RuntimeException e) {
      throw new IOException(file + ": " + firstLine(e.getMessage()));
    }
    return groups(root, file);
  }

  private static List<TargetGroup> groups(Object root, Path file) throws IOException {
    if (!(root instanceof List<?> list)) {
      throw new IOException(file + ": expected a list of target groups");
    }
    List<TargetGroup> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = file + ": group " + (i + 1) + ": ";
      if (!(list.get(i) instanceof Map<?, ?> group)) {
        throw new IOException(where + "expected {targets: [...], labels: {...}}");
      }
      for (Object key : group.keySet()) {
        if (!"targets".equals(key) && !"labels".equals(key)) {
          throw new IOException(where + "unknown key \"" + key + "\"; allowed: targets, labels");
        }
      }
      List<String> targets = new ArrayList<>();
      Object t = group.get("targets");
      if (t != null) {
        if (!(t instanceof List<?> tl)) {
          throw new IOException(where + "targets must be a list of host:port strings");
        }
        for (Object o : tl) {
          if (!(o instanceof String s)) {
            throw new IOException(where + "target " + o + " is not a string");
          }
          try {
            TargetBuilder.withPort(s, "http");
          } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage());
          }
          targets.add(s);
        }
      }
      Labels.Builder labels = Labels.builder();
      Object l = group.get("labels");
      if (l != null) {
        if (!(l instanceof Map<?, ?> lm)) {
          throw new IOException(where + "labels must be a map of strings");
        }
        for (Map.Entry<?, ?> e : lm.entrySet()) {
          if (!(e.getKey() instanceof String k) || !LABEL_NAME.matcher(k).matches()) {
            throw new IOException(where + "invalid label name \"" + e.getKey() + "\"");
          }
          if (!(e.getValue() instanceof String v)) {
            throw new IOException(where + "label " + k + " must have a string value, got " + e.getValue());
          }
          labels.set(k, v);
        }
      }
      out.add(new TargetGroup(targets, labels.build()));
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
